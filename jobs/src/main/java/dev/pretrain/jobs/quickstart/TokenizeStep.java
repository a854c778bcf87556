package dev.pretrain.jobs.quickstart;

import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeReport;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.tokenize.report.TokenizeReportPage;
import java.util.List;
import java.util.Locale;

/** Encodes the curated documents into token shards under {@code <output>/shards}. */
final class TokenizeStep implements QuickstartStep {
  static final String OUTPUT = "shards";

  private final TokenizeSettings settings;

  TokenizeStep(TokenizeSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "tokenize";
  }

  @Override
  public List<String> run(QuickstartRun run) throws Exception {
    String curated = run.output().resolve(CurateStep.OUTPUT).toString();
    String output = run.output().resolve(OUTPUT).toString();
    TokenizeReport r = TokenizeJob.run(run.spark(), settings, curated, output, true);
    return List.of(
        String.format(Locale.ROOT, "tokens written: %,d from %,d documents (%,d rejected), %,d dropped in remainders",
            r.tokens(), r.documents(), r.rejectedDocuments(), r.droppedTokens()),
        String.format(Locale.ROOT, "rows of %d tokens: %s", settings.seqLen() + 1, r.rowsBySplit()),
        "output: " + output,
        "report: " + run.output().resolve(OUTPUT).resolve(TokenizeReportPage.FILE_NAME));
  }
}
