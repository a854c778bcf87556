package dev.pretrain.jobs.sample;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.DriverHadoopConf;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import dev.pretrain.trainer.export.ExportJob;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a checkpoint as a Hugging Face GPT-2 folder: model.safetensors, config.json and the"
        + " dataset's tokenizer (tokenizer.json, tokenizer_config.json, special_tokens_map.json).")
public final class ExportCommand extends JobCommand {
  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Required. A run directory (its newest checkpoint) or a checkpoint directory; local, or on any"
          + " file system the spark.conf's spark.hadoop.* settings reach (s3a://, hdfs://).")
  String checkpoint;

  @Option(names = "--output", paramLabel = "DIR",
      description = "Required. Local directory for the model and tokenizer files.")
  String output;

  @Option(names = "--overwrite", description = "Replace an earlier export in --output (never a directory this pipeline did not write).")
  boolean overwrite;

  /** Only the spark section: its {@code spark.hadoop.*} entries reach the checkpoint and the dataset. */
  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--checkpoint", checkpoint), new Required("--output", output));
  }

  @Override
  protected int run(LoadedConfig config) {
    SparkSettings spark = readSettings(config, reader -> (Void) null).spark();
    ExportJob.Exported exported = ExportJob.run(checkpoint, output, overwrite, DriverHadoopConf.create(spark));
    PrintWriter out = out();
    out.println("export: " + exported.checkpoint() + " -> " + output + ": " + String.join(", ", exported.files()));
    exported.noTokenizer().ifPresent(why -> out.println("export: " + why));
    out.flush();
    return ExitCode.OK;
  }
}
