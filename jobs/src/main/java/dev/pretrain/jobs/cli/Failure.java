package dev.pretrain.jobs.cli;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.common.read.InputNotFound;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.security.AccessControlException;

/**
 * What stopped a command, as its exit code and the sentence a person reads: what failed and what
 * to do. A bad command line (configuration, an unsafe output, an input that does not exist) exits
 * with 2; a job that stopped on purpose or failed exits with 1. Only failures nobody anticipated are
 * {@code unexpected}: their stack trace matters, and goes to the log.
 */
record Failure(int exitCode, String message, boolean unexpected) {
  static Failure of(Throwable thrown) {
    if (thrown instanceof ConfigError || thrown instanceof OutputRefused || thrown instanceof InputNotFound) {
      return new Failure(ExitCode.USAGE, thrown.getMessage(), false);
    }
    if (thrown instanceof JobStopped || thrown instanceof IllegalArgumentException) {
      // The job's own words: they name the data or the setting to fix.
      return new Failure(ExitCode.FAILED, thrown.getMessage(), false);
    }
    Throwable root = rootCause(thrown);
    if (root instanceof OutOfMemoryError) {
      return new Failure(ExitCode.FAILED, "the JVM ran out of memory (" + root.getMessage() + "). Give it more"
          + " (PIPELINE_JAVA_OPTS=\"-Xmx16g\" locally; spark.driver.memory / spark.executor.memory on a cluster)"
          + " or make the work smaller (more spark.sql.shuffle.partitions, smaller batches).", true);
    }
    if (root instanceof FileNotFoundException || root instanceof NoSuchFileException) {
      return new Failure(ExitCode.FAILED, "a file is missing: " + root.getMessage()
          + ". Was it moved or deleted while the job ran?", true);
    }
    if (root instanceof AccessDeniedException || root instanceof AccessControlException) {
      return new Failure(ExitCode.FAILED, "permission denied: " + root.getMessage()
          + ". Check the permissions (or the cloud credentials) for that path.", true);
    }
    if (root instanceof JobStopped || root instanceof ConfigError) {
      // Thrown inside a Spark task and wrapped by Spark on the way back.
      return new Failure(ExitCode.FAILED, root.getMessage(), false);
    }
    String where = root == thrown ? "" : " (in " + describe(thrown) + ")";
    return new Failure(ExitCode.FAILED, "unexpected " + describe(root) + where
        + ". This may be a bug: please report it with the full log.", true);
  }

  /** The innermost cause, the one that says what went wrong (Spark wraps a task's failure twice or more). */
  static Throwable rootCause(Throwable thrown) {
    Set<Throwable> seen = new HashSet<>();
    Throwable t = thrown;
    while (t.getCause() != null && seen.add(t)) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + firstLine(t.getMessage());
    return t.getClass().getSimpleName() + message;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
