package dev.pretrain.common.error;

/**
 * A job stopped itself on purpose (too many bad records, a diverged loss, an unreadable shard) with
 * a message that says what happened and what to do: the command line prints the message, not a
 * stack trace.
 */
public class JobStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobStopped(String message) {
    super(message);
  }

  public JobStopped(String message, Throwable cause) {
    super(message, cause);
  }
}
