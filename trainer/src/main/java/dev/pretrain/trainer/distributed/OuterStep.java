package dev.pretrain.trainer.distributed;

/**
 * The driver's update of the global parameters θ from the workers' mean change Δ̄ = mean(θ − θ_worker),
 * which DiLoCo treats as a gradient: Nesterov SGD as PyTorch's {@code SGD(nesterov=True)},
 * {@code v ← μ·v + Δ̄; θ ← θ − lr·(Δ̄ + μ·v)} (Douillard et al. 2023: lr 0.7, μ 0.9), or plain averaging
 * {@code θ ← θ − Δ̄}.
 */
public final class OuterStep {

  private final OuterRule rule;
  private final float lr;
  private final float momentum;
  private final float[] velocity;

  public OuterStep(OuterRule rule, double lr, double momentum, int parameters) {
    this.rule = rule;
    this.lr = (float) lr;
    this.momentum = (float) momentum;
    this.velocity = new float[rule == OuterRule.NESTEROV ? parameters : 0];
  }

  /** Updates {@code theta} in place from {@code meanDelta}. */
  public void apply(float[] theta, float[] meanDelta) {
    if (theta.length != meanDelta.length) {
      throw new IllegalArgumentException("θ has " + theta.length + " values, Δ " + meanDelta.length);
    }
    if (rule == OuterRule.AVERAGE) {
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= meanDelta[i];
      }
      return;
    }
    for (int i = 0; i < theta.length; i++) {
      float v = momentum * velocity[i] + meanDelta[i];
      velocity[i] = v;
      theta[i] -= lr * (meanDelta[i] + momentum * v);
    }
  }

  /** The momentum buffer (empty for averaging), live: a checkpoint saves and restores it. */
  public float[] velocity() {
    return velocity;
  }
}
