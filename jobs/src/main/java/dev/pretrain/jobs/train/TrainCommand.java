package dev.pretrain.jobs.train;

import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.jobs.cli.UnbuiltStageCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Pretrain a GPT from token shards with the ND4J trainer (CPU or GPU).")
public final class TrainCommand extends UnbuiltStageCommand {
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

  public TrainCommand() {
    super("train", "issue #5: the ND4J GPT trainer; --workers N > 1 is issue #6");
  }

  @Override
  protected int run(LoadedConfig config) {
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
    }
    return super.run(config);
  }
}
