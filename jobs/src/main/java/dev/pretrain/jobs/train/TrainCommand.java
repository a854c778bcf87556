package dev.pretrain.jobs.train;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.trainer.TrainJob;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.distributed.DilocoJob;
import dev.pretrain.trainer.distributed.DilocoSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Pretrain a GPT from token shards with the ND4J trainer (CPU or GPU); with --workers N > 1,"
        + " DiLoCo rounds over N Spark tasks.")
public final class TrainCommand extends JobCommand {
  @Option(names = "--data", paramLabel = "DIR", description = "Required. A token dataset (with manifest.json).")
  String data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Required. Run directory: config.json, metrics.jsonl, checkpoints/. Local for one worker; with"
          + " --workers N also hdfs:// or s3a://.")
  String out;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in the run directory.")
  boolean resume;

  @Option(names = "--allow-other-data",
      description = "With --resume: accept a dataset whose manifest differs from the checkpoint's.")
  boolean allowOtherData;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
      description = "Data-parallel workers (Spark tasks, one GPU each on a cluster) synchronised every"
          + " train.diloco.inner-steps steps; 1 trains in this JVM. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Override
  protected ConfigSchema schema() {
    // The spark section is checked too: --workers N runs on Spark, and a shared config file
    // with a bad spark key is wrong for every command.
    return SparkSettings.SCHEMA.plus(TrainSettings.SCHEMA);
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--data", data), new Required("--out", out));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    if (workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
    }
    if (allowOtherData && !resume) {
      throw new ParameterException(spec.commandLine(), "--allow-other-data only applies with --resume");
    }
    SettingsReader reader = config.reader();
    SparkSettings spark = SparkSettings.read(reader);
    TrainSettings settings = TrainSettings.read(reader);
    // Checked for one worker too: a shared config file with a bad diloco key is wrong either way.
    DilocoSettings diloco = DilocoSettings.read(reader);
    reader.finish();
    if (workers > 1) {
      return inSpark(spark, "train", session -> {
        String last = DilocoJob.run(session, settings, diloco, workers, data, out, resume, allowOtherData, System.out)
            .map(Object::toString).orElse("none");
        out().println("train: done, last checkpoint " + last);
        out().flush();
        return ExitCode.OK;
      });
    }
    Path last = TrainJob.run(settings, data, out, resume, allowOtherData, settings.maxSteps(), System.out);
    out().println("train: done, last checkpoint " + last);
    out().flush();
    return ExitCode.OK;
  }
}
