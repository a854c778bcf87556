package dev.pretrain.jobs.cli;

/**
 * Thrown by a command whose stage does not exist yet, so the user gets a plain statement and a
 * non-zero exit instead of a run that appears to succeed and writes nothing.
 */
public final class StageNotImplemented extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String stage;

  public StageNotImplemented(String stage, String trackedAs) {
    super(stage + " is not implemented yet (" + trackedAs + "); nothing was run or written");
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }
}
