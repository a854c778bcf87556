package dev.pretrain.jobs.report;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.DriverHadoopConf;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.JobCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Rebuild the HTML report (report.html) of a curate output, a token dataset or a training run from"
        + " its JSON files; also for outputs written before reports existed.")
public final class ReportCommand extends JobCommand {
  @Parameters(index = "0", paramLabel = "RUN_OR_OUTPUT_DIR", arity = "0..1",
      description = "A curate output (report.json), a tokenize output (manifest.json) or a training run directory"
          + " (metrics.jsonl); local, or s3a://, gs://, hdfs:// with the spark.hadoop.* settings of spark.conf.")
  String dir;

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA;
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("RUN_OR_OUTPUT_DIR", dir));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    var hadoop = DriverHadoopConf.create(readSettings(config, reader -> (Void) null).spark());
    out().println("report: " + OutputReports.write(dir, hadoop));
    out().flush();
    return ExitCode.OK;
  }
}
