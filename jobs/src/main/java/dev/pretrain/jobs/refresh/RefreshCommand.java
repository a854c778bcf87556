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
    Settings<Sections> settings = readSettings(config, Sections::read);
    Sections s = settings.job();
    RefreshJob.Outcome outcome = inSpark(settings.spark(), "refresh", spark -> new RefreshJob(spark, s.curate(),
        s.trainTokenizer(), s.tokenize(), s.refresh()).run(corpus, inputs));
    return done(new Summary("refresh: " + RefreshJob.describe(outcome),
        List.of("CURRENT -> " + outcome.version().orElse("(none yet)") + " under " + corpus)));
  }

  /** A refresh runs curate, train-tokenizer and tokenize, each with its own section. */
  private record Sections(CurateSettings curate, TrainTokenizerSettings trainTokenizer, TokenizeSettings tokenize,
      RefreshSettings refresh) {
    static Sections read(SettingsReader reader) {
      return new Sections(CurateSettings.read(reader), TrainTokenizerSettings.read(reader),
          TokenizeSettings.read(reader), RefreshSettings.read(reader));
    }
  }
}
