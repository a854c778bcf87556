package dev.pretrain.trainer.model;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in DOUBLE against an analytic gradient. Relative error is
 * {@code |a−n| / (|a|+|n|)} (as DL4J's GradientCheckUtil); pairs whose absolute difference is below
 * {@link #ABS_FLOOR} are counted as agreeing, since both are then at the level of the difference
 * quotient's own rounding noise (~1e-16/EPS).
 */
final class GradientCheck {

  static final double EPS = 1e-5;
  static final double ABS_FLOOR = 1e-9;

  private GradientCheck() {
  }

  /** Max relative error over every element of {@code x}, whose analytic gradient is {@code analytic}. */
  static double maxRelativeError(INDArray x, INDArray analytic, DoubleSupplier loss) {
    return maxRelativeError(x, analytic, loss, Integer.MAX_VALUE);
  }

  /** The same over at most {@code maxElements} elements spread evenly over x, first and last included. */
  static double maxRelativeError(INDArray x, INDArray analytic, DoubleSupplier loss, int maxElements) {
    ElementView xs = ElementView.of(x);
    ElementView gs = ElementView.of(analytic);
    int n = xs.length();
    int checks = Math.min(n, maxElements);
    double worst = 0;
    for (int k = 0; k < checks; k++) {
      int i = checks == 1 ? 0 : (int) ((long) k * (n - 1) / (checks - 1));
      double original = xs.get(i);
      xs.set(i, original + EPS);
      double plus = loss.getAsDouble();
      xs.set(i, original - EPS);
      double minus = loss.getAsDouble();
      xs.set(i, original);
      double numeric = (plus - minus) / (2 * EPS);
      double a = gs.get(i);
      double diff = Math.abs(a - numeric);
      if (diff > ABS_FLOOR) {
        worst = Math.max(worst, diff / (Math.abs(a) + Math.abs(numeric)));
      }
    }
    return worst;
  }

  static INDArray randn(long seed, double std, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    ElementView v = ElementView.of(a);
    Random random = new Random(seed);
    for (int i = 0; i < v.length(); i++) {
      v.set(i, random.nextGaussian() * std);
    }
    return a;
  }

  /** Σ out·weights: a scalar whose gradient w.r.t. out is {@code weights}. */
  static double dot(INDArray out, INDArray weights) {
    ElementView o = ElementView.of(out);
    ElementView w = ElementView.of(weights);
    double sum = 0;
    for (int i = 0; i < o.length(); i++) {
      sum += o.get(i) * w.get(i);
    }
    return sum;
  }
}
