package dev.pretrain.jobs.train;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.DriverHadoopConf;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.trainer.RunConfig;
import dev.pretrain.trainer.TrainJob;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.distributed.DilocoJob;
import dev.pretrain.trainer.distributed.DilocoSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Pretrain a GPT from token shards with the ND4J trainer (CPU or GPU); with --workers N > 1,"
        + " DiLoCo rounds over N Spark tasks.")
public final class TrainCommand extends JobCommand {
  @Option(names = "--data", paramLabel = "DIR",
      description = "A token dataset (with manifest.json). Required to start a run; with --resume, default: the run's.")
  String data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Required. Run directory: config.conf, config.json, metrics.jsonl, checkpoints/. Local, or"
          + " hdfs:// or s3a:// with the spark.hadoop.* settings of spark.conf.")
  String out;

  @Option(names = "--resume",
      description = "Continue the run in --out from its newest checkpoint, with the run's own settings (its"
          + " config.conf, under --conf and --set), dataset and number of workers.")
  boolean resume;

  @Option(names = "--allow-other-data",
      description = "With --resume: accept a dataset whose manifest differs from the checkpoint's.")
  boolean allowOtherData;

  @Option(names = "--workers", paramLabel = "N",
      description = "Data-parallel workers (Spark tasks, one GPU each on a cluster) synchronised every"
          + " train.diloco.inner-steps steps; 1 trains in this JVM. Default: 1, or with --resume the run's.")
  Integer workers;

  @Override
  protected ConfigSchema schema() {
    // The spark section is checked too: --workers N runs on Spark, and a shared config file
    // with a bad spark key is wrong for every command.
    return SparkSettings.SCHEMA.plus(TrainSettings.SCHEMA);
  }

  /**
   * With {@code --resume}: the run's own settings, under the user's {@code --conf} and {@code --set}, read
   * with the Hadoop settings those give (a run on s3a:// resumes with conf/s3a.conf alone).
   */
  @Override
  protected Optional<ConfigSource> preset() {
    if (!resume || out == null) {
      return Optional.empty();
    }
    return RunConfig.readSettings(out, userHadoopConf())
        .map(text -> new ConfigSource(new org.apache.hadoop.fs.Path(out, RunConfig.SETTINGS_FILE).toString(), text));
  }

  @Override
  protected List<Required> requiredToRun() {
    return resume ? List.of(new Required("--out", out))
        : List.of(new Required("--data", data), new Required("--out", out));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    if (workers != null && workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
    }
    if (allowOtherData && !resume) {
      throw new ParameterException(spec.commandLine(), "--allow-other-data only applies with --resume");
    }
    Settings<Sections> read = readSettings(config, Sections::read);
    SparkSettings spark = read.spark();
    TrainSettings settings = read.job().train();
    DilocoSettings diloco = read.job().diloco();
    Optional<RunConfig> started = resume ? RunConfig.read(out, DriverHadoopConf.create(spark)) : Optional.empty();
    String dataDir = data != null ? data : started.map(RunConfig::data).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "--resume without --data: " + out + " has no " + RunConfig.FILE + " naming the run's"
        + " dataset; pass --data (and check that --out is the run directory)"));
    int workerCount = workers != null ? workers : started.map(RunConfig::workers).orElse(1);
    if (resume && preset().isEmpty()) {
      out().println("note: " + out + " has no " + RunConfig.SETTINGS_FILE + " (it was started before runs kept"
          + " their settings); its settings come from --conf, --set and the defaults");
    }
    String settingsConf = config.render(TrainSettings.SCHEMA);
    String last = workerCount > 1
        ? inSpark(spark, "train", session -> DilocoJob.run(session, settings, diloco, settingsConf, workerCount,
            dataDir, out, resume, allowOtherData, System.out).map(Object::toString).orElse("none"))
        : TrainJob.run(settings, settingsConf, DriverHadoopConf.create(spark), dataDir, out, resume,
            allowOtherData, settings.maxSteps(), System.out).toString();
    return done(new Summary("train: done, last checkpoint " + last, List.of()));
  }

  /** The train section, and train.diloco: checked for one worker too, as a shared config file with a bad key is wrong either way. */
  private record Sections(TrainSettings train, DilocoSettings diloco) {
    static Sections read(SettingsReader reader) {
      return new Sections(TrainSettings.read(reader), DilocoSettings.read(reader));
    }
  }
}
