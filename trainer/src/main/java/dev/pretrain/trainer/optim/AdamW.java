package dev.pretrain.trainer.optim;

import dev.pretrain.trainer.model.ElementView;
import dev.pretrain.trainer.model.ParallelRanges;
import dev.pretrain.trainer.model.ParameterTensor;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW (Loshchilov & Hutter 2019) over a flat parameter vector, with the moments in flat vectors of
 * the same layout. The update matches PyTorch's {@code torch.optim.AdamW}:
 * {@code θ ← θ − lr·(m̂/(√v̂ + ε) + λ·θ)}, the decay λ applied only to 2-D tensors (embeddings and
 * linear weights), not to biases or LayerNorm weights, as nanoGPT's {@code configure_optimizers}.
 */
public final class AdamW {

  /** GPT-3 (Brown et al. 2020, §B) and nanoGPT use β2 = 0.95 rather than PyTorch's 0.999. */
  public record Settings(double beta1, double beta2, double eps, double weightDecay) implements java.io.Serializable {
    public static final Settings GPT = new Settings(0.9, 0.95, 1e-8, 0.1);

    public Settings {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
      }
      if (!(eps > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException("AdamW needs eps > 0 and weight decay >= 0, got " + eps + ", "
            + weightDecay);
      }
    }

    public Settings withWeightDecay(double decay) {
      return new Settings(beta1, beta2, eps, decay);
    }
  }

  private static final int GRAIN = 32_768;

  private final Settings settings;
  private final List<ParameterTensor> tensors;
  private final ElementView params;
  private final ElementView grads;
  private final INDArray firstMoment;
  private final INDArray secondMoment;
  private final ElementView m;
  private final ElementView v;
  private long step;

  /** params and grads: flat vectors laid out as {@code tensors} describe. */
  public AdamW(INDArray params, INDArray grads, List<ParameterTensor> tensors, Settings settings) {
    if (params.length() != grads.length() || params.dataType() != grads.dataType()) {
      throw new IllegalArgumentException("parameters and gradients differ: " + params.length() + " "
          + params.dataType() + " vs " + grads.length() + " " + grads.dataType());
    }
    long covered = tensors.stream().mapToLong(ParameterTensor::length).sum();
    if (covered != params.length()) {
      throw new IllegalArgumentException("the tensors cover " + covered + " of " + params.length() + " parameters");
    }
    this.settings = settings;
    this.tensors = List.copyOf(tensors);
    this.params = ElementView.of(params);
    this.grads = ElementView.of(grads);
    this.firstMoment = Nd4j.create(params.dataType(), params.length());
    this.secondMoment = Nd4j.create(params.dataType(), params.length());
    this.m = ElementView.of(firstMoment);
    this.v = ElementView.of(secondMoment);
  }

  /** One update with learning rate {@code lr} from the current gradients. */
  public void step(double lr) {
    step++;
    double beta1 = settings.beta1();
    double beta2 = settings.beta2();
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    double eps = settings.eps();
    for (ParameterTensor t : tensors) {
      double decay = t.matrix() ? settings.weightDecay() : 0.0;
      int offset = t.offset();
      // Elementwise, so the split over cores cannot change the result.
      ParallelRanges.run(t.length(), GRAIN, (from, to) -> {
        for (int i = offset + from; i < offset + to; i++) {
          double g = grads.get(i);
          double mi = beta1 * m.get(i) + (1 - beta1) * g;
          double vi = beta2 * v.get(i) + (1 - beta2) * g * g;
          m.set(i, mi);
          v.set(i, vi);
          double p = params.get(i);
          double update = (mi / correction1) / (Math.sqrt(vi / correction2) + eps) + decay * p;
          params.set(i, p - lr * update);
        }
      });
    }
  }

  /** Updates done so far (t in the bias corrections). */
  public long stepCount() {
    return step;
  }

  /** Sets t of the bias corrections, for a resume whose moments were loaded from a checkpoint. */
  public void setStepCount(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("the AdamW step count is non-negative, got " + steps);
    }
    this.step = steps;
  }

  public INDArray firstMoment() {
    return firstMoment;
  }

  public INDArray secondMoment() {
    return secondMoment;
  }

  public Settings settings() {
    return settings;
  }
}
