package dev.pretrain.jobs.quickstart;

import dev.pretrain.common.read.ReadSettings;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Counts the sample corpus, so the summary can set what was kept against what went in. */
final class SurveyInputStep implements QuickstartStep {
  private final ReadSettings read;

  /** @param read how the curate step will read the input */
  SurveyInputStep(ReadSettings read) {
    this.read = read;
  }

  @Override
  public String name() {
    return "survey input";
  }

  @Override
  public List<String> run(QuickstartRun run) throws IOException {
    InputSurvey survey = InputSurvey.of(run.spark(), run.input().toString(), read);
    String sources = survey.recordsBySource().entrySet().stream()
        .map(e -> e.getKey() + " " + Format.count(e.getValue()))
        .collect(Collectors.joining(", "));
    return List.of(
        "input: " + run.input() + ": " + Format.count(survey.records()) + " documents, "
            + Format.bytes(survey.textBytes()) + " of text"
            + (survey.malformed() > 0 ? ", " + Format.count(survey.malformed()) + " bad records" : ""),
        "sources: " + sources);
  }
}
