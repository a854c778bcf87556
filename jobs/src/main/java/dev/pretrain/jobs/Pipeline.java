package dev.pretrain.jobs;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.read.BadRecordGate;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.curate.CurateCommand;
import dev.pretrain.jobs.quickstart.QuickstartCommand;
import dev.pretrain.jobs.refresh.RefreshCommand;
import dev.pretrain.jobs.sample.ExportCommand;
import dev.pretrain.jobs.sample.SampleCommand;
import dev.pretrain.jobs.tokenize.TokenizeCommand;
import dev.pretrain.jobs.tokenize.TrainTokenizerCommand;
import dev.pretrain.jobs.train.TrainCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code bin/pipeline <command>} locally, and
 * {@code spark-submit --class dev.pretrain.jobs.Pipeline <jar> <command>} on a cluster.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = PipelineVersion.class,
    description = "Curate, deduplicate and tokenize text corpora on Spark, and pretrain a GPT on the shards.",
    subcommands = {
      CurateCommand.class,
      TrainTokenizerCommand.class,
      TokenizeCommand.class,
      TrainCommand.class,
      SampleCommand.class,
      ExportCommand.class,
      RefreshCommand.class,
      QuickstartCommand.class,
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 the job failed, 2 bad command line or configuration, 3 stage not built yet.",
      "Run 'pipeline <command> --help' for a command's options.",
    })
public final class Pipeline implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line and returns its exit code; {@code main} without the exit, for tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Pipeline());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      String name = command.getCommandName();
      if (e instanceof ConfigError) {
        err.println(name + ": " + e.getMessage());
        err.flush();
        return ExitCode.USAGE;
      }
      if (e instanceof BadRecordGate.TooManyBadRecords || e instanceof IllegalArgumentException) {
        // Bad input or a bad path: the message says what to fix; a stack trace would bury it.
        err.println(name + " failed: " + e.getMessage());
        err.flush();
        return ExitCode.FAILED;
      }
      err.println(name + " failed: " + e);
      e.printStackTrace(err);
      err.flush();
      return ExitCode.FAILED;
    });
    return cli.execute(args);
  }
}
