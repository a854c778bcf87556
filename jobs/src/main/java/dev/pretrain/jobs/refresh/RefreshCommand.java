package dev.pretrain.jobs.refresh;

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
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Add a new snapshot to a versioned corpus: curate against it, tokenize the new documents.")
public final class RefreshCommand extends JobCommand {
  @Option(names = "--corpus", required = true, paramLabel = "ROOT",
      description = "Corpus root holding v0001/, v0002/, ... and CURRENT.")
  String corpus;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "The new snapshot's files, directories or globs.")
  List<String> inputs;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected int run(LoadedConfig config) {
    SettingsReader reader = config.reader();
    SparkSettings.read(reader);
    reader.finish();
    throw new StageNotImplemented("refresh", "issue #7: versioned corpus refresh");
  }
}
