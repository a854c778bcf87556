package dev.pretrain.jobs.curate;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = "Read raw text, clean, quality-filter and deduplicate it into curated documents.")
public final class CurateCommand extends JobCommand {
  @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
      description = "Required. Input files, directories or globs (local, s3a://, gs://).")
  List<String> inputs;

  @Option(names = "--output", paramLabel = "DIR",
      description = "Required. Output directory: documents/, rejected/, dedup/, report.json, _SUCCESS. A new or"
          + " empty directory, or an earlier curate output; never an input or a directory the pipeline did not write.")
  String output;

  @Option(names = "--against", paramLabel = "DIR",
      description = "A finished earlier curate output: documents that duplicate (exactly or nearly) any of its "
          + "documents are removed, and the new dedup/index/ covers both.")
  String against;

  @Option(names = "--overwrite",
      description = "Replace a complete earlier curate output in --output (never a directory this pipeline did not write).")
  boolean overwrite;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA);
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--input", inputs), new Required("--output", output));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    Settings<CurateSettings> settings = readSettings(config, CurateSettings::read);
    CurateReport report = inSpark(settings.spark(), "curate", spark -> new CurateJob(spark, settings.job(), config.render(CurateSettings.SCHEMA))
        .run(inputs, output, overwrite, Optional.ofNullable(against)));
    return done(new Summary("curate: done, output in " + output, report.summary()));
  }
}
