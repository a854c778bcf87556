package dev.pretrain.jobs.sample;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.DriverHadoopConf;
import dev.pretrain.jobs.cli.JobCommand;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

/**
 * A command that reads a trained checkpoint ({@code sample}, {@code export}): {@code --checkpoint}, and the
 * job's Hadoop configuration from the {@code spark} section, whose {@code spark.hadoop.*} entries reach the
 * checkpoint and the run's dataset on any file system (as they reach them for {@code train}).
 */
abstract class CheckpointCommand extends JobCommand {
  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Required. A run directory (its newest checkpoint) or a checkpoint directory, e.g."
          + " RUN/checkpoints/step-0005000 (or round-0000010 of a --workers run); local, or s3a://, hdfs:// with"
          + " the spark.hadoop.* settings of spark.conf.")
  String checkpoint;

  @Override
  protected final ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  /** The options the command needs besides {@code --checkpoint}, as (name, given value). */
  protected abstract List<Required> alsoRequired();

  @Override
  protected final List<Required> requiredToRun() {
    List<Required> all = new ArrayList<>(List.of(new Required("--checkpoint", checkpoint)));
    all.addAll(alsoRequired());
    return all;
  }

  /** The Hadoop configuration of the job's settings (the spark section; the command reads no other). */
  protected static Configuration hadoop(LoadedConfig config) {
    return DriverHadoopConf.create(readSettings(config, reader -> (Void) null).spark());
  }
}
