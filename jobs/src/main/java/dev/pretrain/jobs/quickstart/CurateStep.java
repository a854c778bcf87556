package dev.pretrain.jobs.quickstart;

import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import dev.pretrain.dedup.CurateSettings;
import java.util.ArrayList;
import dev.pretrain.dedup.report.CurateReportPage;
import java.util.List;

/** Curates the sample into {@code <output>/curated}, replacing an earlier quickstart's. */
final class CurateStep implements QuickstartStep {
  static final String OUTPUT = "curated";

  private final CurateSettings settings;
  private final String settingsConf;

  /** @param settingsConf the quickstart's {@code curate} section as HOCON, recorded in the report */
  CurateStep(CurateSettings settings, String settingsConf) {
    this.settings = settings;
    this.settingsConf = settingsConf;
  }

  @Override
  public String name() {
    return "curate";
  }

  @Override
  public List<String> run(QuickstartRun run) throws Exception {
    String output = run.output().resolve(OUTPUT).toString();
    // The directory as a user would give it: its MANIFEST.json is skipped (no data file name) and
    // listed in the report.
    String corpus = run.input().toString();
    CurateReport report = new CurateJob(run.spark(), settings, settingsConf).run(List.of(corpus), output, true);
    List<String> lines = new ArrayList<>(report.summary());
    lines.add("output: " + output);
    lines.add("report: " + run.output().resolve(OUTPUT).resolve(CurateReportPage.FILE_NAME));
    return lines;
  }
}
