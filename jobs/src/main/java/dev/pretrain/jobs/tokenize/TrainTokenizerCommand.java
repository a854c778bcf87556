package dev.pretrain.jobs.tokenize;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.tokenize.job.TrainTokenizerJob;
import dev.pretrain.tokenize.job.TrainTokenizerReport;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train-tokenizer",
    mixinStandardHelpOptions = true,
    description = "Train a byte-level BPE tokenizer on curated documents; writes a HuggingFace tokenizer.json.")
public final class TrainTokenizerCommand extends JobCommand {
  @Option(names = "--input", paramLabel = "DIR",
      description = "Required. A curate output directory, or its documents/ directory.")
  String input;

  @Option(names = "--output", paramLabel = "FILE", description = "Required. Where to write tokenizer.json.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing tokenizer.json at --output (never another kind of file).")
  boolean overwrite;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(TrainTokenizerSettings.SCHEMA);
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--input", input), new Required("--output", output));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    Settings<TrainTokenizerSettings> settings = readSettings(config, TrainTokenizerSettings::read);
    TrainTokenizerReport report = inSpark(settings.spark(), "train-tokenizer",
        spark -> TrainTokenizerJob.run(spark, settings.job(), input, output, overwrite));
    return done(new Summary("train-tokenizer: wrote " + output, summary(report)));
  }

  static List<String> summary(TrainTokenizerReport r) {
    return List.of(
        String.format(Locale.ROOT, "vocabulary: %,d ids (%,d merges learned) from %,d documents, %,d distinct words",
            r.vocabSize(), r.merges(), r.trainingDocuments(), r.distinctWords()),
        String.format(Locale.ROOT, "held out: %,d documents, %.2f bytes per token", r.heldOutDocuments(),
            r.heldOutBytesPerToken()),
        String.format(Locale.ROOT, "time: %.1f s, sha256 %s", r.seconds(), r.sha256()));
  }
}
