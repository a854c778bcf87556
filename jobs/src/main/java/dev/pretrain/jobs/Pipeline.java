package dev.pretrain.jobs;

import dev.pretrain.jobs.classify.TrainClassifierCommand;
import dev.pretrain.jobs.report.ReportCommand;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.cli.Failures;
import dev.pretrain.jobs.cli.RunLog;
import dev.pretrain.jobs.cli.UsageErrors;
import dev.pretrain.jobs.curate.CurateCommand;
import dev.pretrain.jobs.quickstart.QuickstartCommand;
import dev.pretrain.jobs.refresh.RefreshCommand;
import dev.pretrain.jobs.sample.ExportCommand;
import dev.pretrain.jobs.sample.SampleCommand;
import dev.pretrain.jobs.tokenize.ExportTokensCommand;
import dev.pretrain.jobs.tokenize.TokenizeCommand;
import dev.pretrain.jobs.tokenize.TrainTokenizerCommand;
import dev.pretrain.jobs.train.TrainCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The one entry point: {@code bin/pipeline <command>} locally, and
 * {@code spark-submit --class dev.pretrain.jobs.Pipeline <jar> <command>} on a cluster.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = PipelineVersion.class,
    description = "Curate, deduplicate and tokenize text corpora on Spark, train fastText classifiers, and pretrain a GPT"
        + " on the shards.",
    subcommands = {
      CurateCommand.class,
      TrainTokenizerCommand.class,
      TokenizeCommand.class,
      ExportTokensCommand.class,
      TrainClassifierCommand.class,
      TrainCommand.class,
      SampleCommand.class,
      ExportCommand.class,
      RefreshCommand.class,
      QuickstartCommand.class,
      ReportCommand.class,
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 the job failed, 2 bad command line or configuration (nothing ran).",
      "Run 'pipeline <command> --help' for a command's options.",
    })
public final class Pipeline implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = RunLog.VERBOSE, scope = ScopeType.INHERIT,
      description = "Also show other components' (Spark's, Hadoop's) warnings and stack traces on the console;"
          + " the log file has them either way.")
  boolean verbose;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    RunLog.prepare(args); // before anything logs: log4j reads its settings once
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line and returns its exit code; {@code main} without the exit, for tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Pipeline());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(new UsageErrors(err));
    cli.setExecutionExceptionHandler((e, command, parsed) -> Failures.report(command.getCommandName(), e, err));
    return cli.execute(args);
  }
}
