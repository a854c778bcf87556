package dev.pretrain.jobs.quickstart;

import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import dev.pretrain.dedup.CurateSettings;
import java.util.ArrayList;
import java.util.List;

/** Curates the sample into {@code <output>/curated}, replacing an earlier quickstart's. */
final class CurateStep implements QuickstartStep {
  static final String OUTPUT = "curated";

  private final CurateSettings settings;
  private final String portableConfig;

  CurateStep(CurateSettings settings, String portableConfig) {
    this.settings = settings;
    this.portableConfig = portableConfig;
  }

  @Override
  public String name() {
    return "curate";
  }

  @Override
  public List<String> run(QuickstartRun run) throws Exception {
    String output = run.output().resolve(OUTPUT).toString();
    // The corpus files only: the sample directory also holds MANIFEST.json, which is no corpus.
    String corpus = run.input().resolve("*.jsonl*").toString();
    CurateReport report = new CurateJob(run.spark(), settings, portableConfig).run(List.of(corpus), output, true);
    List<String> lines = new ArrayList<>(report.summary());
    lines.add("output: " + output);
    return lines;
  }
}
