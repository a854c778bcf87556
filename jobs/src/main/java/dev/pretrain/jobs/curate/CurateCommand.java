package dev.pretrain.jobs.curate;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.jobs.cli.StageNotImplemented;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = "Read raw text, clean, quality-filter and deduplicate it into curated documents.")
public final class CurateCommand extends JobCommand {
  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "Input files, directories or globs (local, s3a://, gs://).")
  List<String> inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
  String output;

  @Option(names = "--against", paramLabel = "DIR",
      description = "A previous curate output to deduplicate against (incremental refresh).")
  String against;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected int run(LoadedConfig config) {
    SettingsReader reader = config.reader();
    SparkSettings.read(reader);
    reader.finish();
    throw new StageNotImplemented("curate", "issue #3: read, clean, filter, deduplicate");
  }
}
