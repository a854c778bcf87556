package dev.pretrain.trainer;

/** The loss or the gradient norm became NaN or infinite at a step: training cannot continue from here. */
public final class NonFiniteLossException extends ArithmeticException {

  private final long step;

  public NonFiniteLossException(long step, double value) {
    super("the loss or gradient norm is " + value + " at step " + step);
    this.step = step;
  }

  /** The 1-based step that diverged. */
  public long step() {
    return step;
  }
}
