package dev.pretrain.trainer.optim;

/**
 * Learning rate per step: linear warmup to {@code maxLr}, then cosine decay to {@code minLr} at
 * {@code decaySteps}, constant after (nanoGPT train.py {@code get_lr}; Loshchilov & Hutter 2017).
 * Warmup starts at {@code maxLr/(warmup+1)} rather than 0 so that step 0 still learns.
 */
public record CosineSchedule(double maxLr, double minLr, long warmupSteps, long decaySteps) {

  public CosineSchedule {
    if (!(maxLr > 0) || !(minLr >= 0) || minLr > maxLr) {
      throw new IllegalArgumentException("learning rates need 0 <= minLr <= maxLr and maxLr > 0, got max "
          + maxLr + " min " + minLr);
    }
    if (warmupSteps < 0 || decaySteps < warmupSteps) {
      throw new IllegalArgumentException("need 0 <= warmupSteps <= decaySteps, got warmup " + warmupSteps
          + " decay " + decaySteps);
    }
  }

  /** The learning rate for 0-based {@code step}. */
  public double at(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (step < warmupSteps) {
      return maxLr * (step + 1) / (warmupSteps + 1);
    }
    if (step >= decaySteps) {
      return minLr;
    }
    double progress = (double) (step - warmupSteps) / (decaySteps - warmupSteps);
    return minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (maxLr - minLr);
  }
}
