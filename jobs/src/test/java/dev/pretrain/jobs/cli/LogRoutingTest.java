package dev.pretrain.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/log4j2.properties, the local launcher's logging, routes as documented: everything with stack
 * traces to the run's log file; on the console the pipeline's progress only, and Spark's errors and
 * stack traces only with --verbose.
 */
class LogRoutingTest {
  private static final Path CONFIG = Path.of("../conf/log4j2.properties").toAbsolutePath();

  private record Routed(String console, String file) {}

  private static Routed logThrough(Path log, boolean verbose) throws IOException {
    System.setProperty(RunLog.FILE_PROPERTY, log.toString());
    System.setProperty(RunLog.CONSOLE_LEVEL_PROPERTY, verbose ? "warn" : "off");
    System.setProperty(RunLog.CONSOLE_EXCEPTIONS_PROPERTY, Boolean.toString(verbose));
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext("log-routing-test", null, CONFIG.toUri());
    try {
      context.start();
      context.getLogger("dev.pretrain.dedup.job.CurateJob").info("curate: read 5 records from 1 input(s)");
      context.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0 in stage 1.0",
          new IllegalStateException("boom"));
      context.getLogger("org.apache.spark.SparkContext").info("Running Spark version 3.5.5");
      context.getLogger("pipeline.failure").error("curate failed", new IllegalStateException("bust"));
    } finally {
      context.stop();
      System.setErr(err);
      System.clearProperty(RunLog.FILE_PROPERTY);
      System.clearProperty(RunLog.CONSOLE_LEVEL_PROPERTY);
      System.clearProperty(RunLog.CONSOLE_EXCEPTIONS_PROPERTY);
    }
    return new Routed(console.toString(StandardCharsets.UTF_8), Files.readString(log));
  }

  @Test
  void theConsoleShowsProgressAndTheFileEverything(@TempDir Path dir) throws IOException {
    Routed quiet = logThrough(dir.resolve("quiet.log"), false);
    assertTrue(quiet.console().contains("curate: read 5 records"), quiet.console());
    assertFalse(quiet.console().contains("Exception in task"), quiet.console());
    assertFalse(quiet.console().contains("curate failed"), quiet.console());
    assertFalse(quiet.console().contains("\tat "), quiet.console());
    assertTrue(quiet.file().contains("curate: read 5 records"), quiet.file());
    assertTrue(quiet.file().contains("Exception in task 0.0"), quiet.file());
    assertTrue(quiet.file().contains("Running Spark version 3.5.5"), quiet.file());
    assertTrue(quiet.file().contains("java.lang.IllegalStateException: bust"), quiet.file());
    assertTrue(quiet.file().contains("\tat "), quiet.file());
  }

  @Test
  void verboseShowsOtherComponentsWarningsAndStackTraces(@TempDir Path dir) throws IOException {
    Routed verbose = logThrough(dir.resolve("verbose.log"), true);
    assertTrue(verbose.console().contains("Exception in task 0.0"), verbose.console());
    assertTrue(verbose.console().contains("java.lang.IllegalStateException: boom"), verbose.console());
    assertFalse(verbose.console().contains("Running Spark version"), "INFO stays in the file:\n" + verbose.console());
  }
}
