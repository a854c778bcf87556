package dev.pretrain.jobs.train;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.jobs.cli.StageNotImplemented;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Pretrain a GPT from token shards with the ND4J trainer (CPU or GPU).")
public final class TrainCommand extends JobCommand {
  @Option(names = "--data", required = true, paramLabel = "DIR", description = "A token dataset (with manifest.json).")
  String data;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Run directory: config, metrics.jsonl, checkpoints.")
  String out;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in the run directory.")
  boolean resume;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
      description = "Data-parallel workers (Spark tasks); 1 trains in this JVM. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected int run(LoadedConfig config) {
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
    }
    SettingsReader reader = config.reader();
    SparkSettings.read(reader);
    reader.finish();
    throw new StageNotImplemented("train", workers == 1
        ? "issue #5: the ND4J GPT trainer"
        : "issue #6: DiLoCo rounds over Spark executors");
  }
}
