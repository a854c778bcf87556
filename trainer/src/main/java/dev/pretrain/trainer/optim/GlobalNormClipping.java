package dev.pretrain.trainer.optim;

import dev.pretrain.trainer.model.ElementView;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scales a flat gradient vector so that its L2 norm is at most {@code maxNorm}, as PyTorch's
 * {@code clip_grad_norm_} (scale {@code maxNorm/(norm + 1e-6)} when below 1).
 */
public final class GlobalNormClipping {

  private static final double EPS = 1e-6;

  private final ElementView grads;
  private final double maxNorm;

  public GlobalNormClipping(INDArray grads, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
    }
    this.grads = ElementView.of(grads);
    this.maxNorm = maxNorm;
  }

  /** Clips in place and returns the norm BEFORE clipping (what training logs as grad_norm). */
  public double clip() {
    int n = grads.length();
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      double g = grads.get(i);
      sumSquares += g * g;
    }
    double norm = Math.sqrt(sumSquares);
    double scale = maxNorm / (norm + EPS);
    if (scale < 1) {
      for (int i = 0; i < n; i++) {
        grads.set(i, grads.get(i) * scale);
      }
    }
    return norm;
  }
}
