package dev.pretrain.jobs.cli;

/** Process exit codes, the same under the launcher and under spark-submit. */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  /** The job started and failed: bad data over a threshold, I/O errors, a bug. */
  public static final int FAILED = 1;
  /** Bad command line or configuration: nothing was run. */
  public static final int USAGE = 2;
}
