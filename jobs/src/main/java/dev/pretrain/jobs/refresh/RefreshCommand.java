package dev.pretrain.jobs.refresh;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Add a new snapshot to a versioned corpus: curate it against the current version, tokenize "
        + "the new documents, publish the next version (CURRENT moves last).")
public final class RefreshCommand extends JobCommand {
  @Option(names = "--corpus", paramLabel = "ROOT",
      description = "Required. Corpus root holding v0001/, v0002/, ... and CURRENT (created on the first refresh).")
  String corpus;

  @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
      description = "Required. The new snapshot's files, directories or globs.")
  List<String> inputs;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA).plus(TrainTokenizerSettings.SCHEMA)
        .plus(TokenizeSettings.SCHEMA).plus(RefreshSettings.SCHEMA);
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--corpus", corpus), new Required("--input", inputs));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    SettingsReader reader = config.reader();
    SparkSettings sparkSettings = SparkSettings.read(reader);
    CurateSettings curate = CurateSettings.read(reader);
    TrainTokenizerSettings trainTokenizer = TrainTokenizerSettings.read(reader);
    TokenizeSettings tokenize = TokenizeSettings.read(reader);
    RefreshSettings refresh = RefreshSettings.read(reader);
    reader.finish();
    return inSpark(sparkSettings, "refresh", spark -> {
      RefreshJob.Outcome outcome =
          new RefreshJob(spark, curate, trainTokenizer, tokenize, refresh).run(corpus, inputs);
      out().println("refresh: " + RefreshJob.describe(outcome));
      out().println("  CURRENT -> " + outcome.version().orElse("(none yet)") + " under " + corpus);
      out().flush();
      return ExitCode.OK;
    });
  }
}
