package dev.pretrain.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a local run's full log goes and how much of it reaches the console. {@code bin/pipeline}
 * names a log directory ({@value #DIR_PROPERTY}); each run then logs everything, stack traces
 * included, to its own file there, which {@code conf/log4j2.properties} reads from
 * {@value #FILE_PROPERTY}. The console shows the pipeline's progress lines, other components'
 * warnings only with {@code --verbose}, and never a stack trace unless {@code --verbose}. Under
 * {@code spark-submit} no directory is named and the cluster's logging applies.
 */
public final class RunLog {
  private RunLog() {}

  static final String DIR_PROPERTY = "pipeline.log.dir";
  static final String FILE_PROPERTY = "pipeline.log.file";
  static final String CONSOLE_LEVEL_PROPERTY = "pipeline.console.level";
  static final String CONSOLE_EXCEPTIONS_PROPERTY = "pipeline.console.exceptions";
  public static final String VERBOSE = "--verbose";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /**
   * Sets the logging properties for this run; call before anything logs (log4j reads them once, at
   * its first use).
   *
   * @return the run's log file, when the launcher asked for one
   */
  public static Optional<Path> prepare(String[] args) {
    boolean verbose = Arrays.asList(args).contains(VERBOSE);
    System.setProperty(CONSOLE_LEVEL_PROPERTY, verbose ? "warn" : "off");
    System.setProperty(CONSOLE_EXCEPTIONS_PROPERTY, Boolean.toString(verbose));
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      return Optional.empty();
    }
    String command = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("pipeline");
    Path file = Path.of(dir, command.replaceAll("[^A-Za-z0-9-]", "_") + "-" + LocalDateTime.now().format(STAMP)
        + "-" + ProcessHandle.current().pid() + ".log");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log directory " + dir + " (PIPELINE_LOG_DIR)", e);
    }
    System.setProperty(FILE_PROPERTY, file.toString());
    return Optional.of(file);
  }

  /** The log file this process writes, if any. */
  static Optional<Path> file() {
    return Optional.ofNullable(System.getProperty(FILE_PROPERTY)).map(Path::of);
  }
}
