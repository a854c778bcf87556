package dev.pretrain.trainer.model;

/**
 * A residual connection, {@code out = x + branch} over {@code [N, C]} (llm.c {@code residual_forward}).
 * Its backward is the identity into both inputs, which the block does by letting both branches add
 * into the same gradient buffer, so there is no backward here.
 */
final class Residual {

  private final PhaseTimer timer;

  Residual(PhaseTimer timer) {
    this.timer = timer;
  }

  /** x [N, C], branch [N, C] → out [N, C]; out may be x. */
  void forward(ElementView x, ElementView branch, ElementView out) {
    long t0 = System.nanoTime();
    int length = out.length();
    for (int i = 0; i < length; i++) {
      out.set(i, x.get(i) + branch.get(i));
    }
    timer.lap(Phase.RESIDUAL, t0);
  }
}
