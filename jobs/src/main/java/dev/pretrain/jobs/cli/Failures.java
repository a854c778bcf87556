package dev.pretrain.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports a command that failed: one line for the person, the stack trace for the log. */
public final class Failures {
  private Failures() {}

  /** Not under {@code dev.pretrain}: the log file gets it, the console only with {@code --verbose}. */
  private static final Logger LOG = LoggerFactory.getLogger("pipeline.failure");

  /** Prints what failed and where the full log is, and returns the exit code. */
  public static int report(String command, Throwable thrown, PrintWriter err) {
    Failure failure = Failure.of(thrown);
    boolean usage = failure.exitCode() == ExitCode.USAGE;
    err.println(command + (usage ? ": " : " failed: ") + failure.message());
    LOG.error(command + " failed", thrown);
    Optional<Path> log = RunLog.file();
    if (log.isPresent()) {
      err.println("  full log: " + log.get());
    } else if (failure.unexpected()) {
      thrown.printStackTrace(err); // no log file (spark-submit, tests): the trace must go somewhere
    }
    err.flush();
    return failure.exitCode();
  }
}
