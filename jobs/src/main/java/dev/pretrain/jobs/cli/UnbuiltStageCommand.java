package dev.pretrain.jobs.cli;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;

/**
 * A command whose options are defined but whose stage is not built yet: it validates the
 * configuration like any job, then says the stage does not exist and exits with
 * {@link ExitCode#NOT_IMPLEMENTED}. A stage that gets built extends {@link JobCommand} instead.
 */
public abstract class UnbuiltStageCommand extends JobCommand {
  private final String stage;
  private final String trackedAs;

  protected UnbuiltStageCommand(String stage, String trackedAs) {
    this.stage = stage;
    this.trackedAs = trackedAs;
  }

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected int run(LoadedConfig config) {
    SettingsReader reader = config.reader();
    SparkSettings.read(reader);
    reader.finish();
    throw new StageNotImplemented(stage, trackedAs);
  }
}
