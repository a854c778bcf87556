package dev.pretrain.jobs.tokenize;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.jobs.cli.StageNotImplemented;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train-tokenizer",
    mixinStandardHelpOptions = true,
    description = "Train a byte-level BPE tokenizer on curated documents; writes a HuggingFace tokenizer.json.")
public final class TrainTokenizerCommand extends JobCommand {
  @Option(names = "--input", required = true, paramLabel = "DIR",
      description = "The curate job's documents/ directory.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write tokenizer.json.")
  String output;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected int run(LoadedConfig config) {
    SettingsReader reader = config.reader();
    SparkSettings.read(reader);
    reader.finish();
    throw new StageNotImplemented("train-tokenizer", "issue #4: BPE training on Spark");
  }
}
