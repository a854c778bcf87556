package dev.pretrain.jobs.quickstart;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSessions;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = "Run the whole chain locally on the bundled sample corpus: curate, train-tokenizer, "
        + "tokenize, train a tiny GPT, then print a summary.")
public final class QuickstartCommand extends JobCommand {
  /** Set by bin/pipeline to the checkout, so the bundled sample is found from any directory. */
  static final String HOME_PROPERTY = "pipeline.home";

  static final String SAMPLE = "jobs/sample/corpus";

  @Option(names = "--input", paramLabel = "DIR",
      description = "Corpus of JSONL(.gz) files. Default: the bundled sample, " + SAMPLE + ".")
  Path input;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "quickstart-out",
      description = "Where every stage writes its output. Default: ${DEFAULT-VALUE}.")
  Path output;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA);
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    SettingsReader reader = config.reader();
    SparkSettings sparkSettings = SparkSettings.read(reader);
    CurateSettings curateSettings = CurateSettings.read(reader);
    reader.finish();
    Path corpus = corpus();

    QuickstartChain chain = new QuickstartChain(List.of(
        new SurveyInputStep(),
        new CurateStep(curateSettings, config.portable()),
        new PendingStage("train-tokenizer", "issue #4: BPE training on Spark"),
        new PendingStage("tokenize", "issue #4: encoder, packing, sharded Parquet writer"),
        new PendingStage("train", "issue #5: the ND4J GPT trainer")));

    QuickstartChain.Report report;
    SparkSession spark = SparkSessions.open(sparkSettings, "quickstart");
    try {
      report = chain.run(new QuickstartRun(spark, corpus, output.toAbsolutePath()), out());
    } finally {
      spark.stop();
    }

    out().println();
    out().println("quickstart summary");
    report.lines().forEach(line -> out().println("  " + line));
    Path written = output.toAbsolutePath();
    out().println("  outputs: " + (Files.isDirectory(written) ? written : "none written"));
    if (!report.complete()) {
      out().println("quickstart stopped early: the stages marked above are not built yet.");
    }
    out().flush();
    return report.complete() ? ExitCode.OK : ExitCode.NOT_IMPLEMENTED;
  }

  private Path corpus() {
    Path chosen = input;
    if (chosen == null) {
      String home = System.getProperty(HOME_PROPERTY);
      if (home == null) {
        throw new ParameterException(spec.commandLine(),
            "--input is required when not started by bin/pipeline (which knows where the bundled sample is)");
      }
      chosen = Path.of(home).resolve(SAMPLE);
    }
    if (!Files.isDirectory(chosen)) {
      throw new ParameterException(spec.commandLine(), "--input " + chosen + ": no such directory");
    }
    return chosen.toAbsolutePath();
  }
}
