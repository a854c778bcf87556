package dev.pretrain.classify.train;

import dev.pretrain.classify.fasttext.FastTextArgs;
import dev.pretrain.classify.fasttext.Loss;
import dev.pretrain.classify.fasttext.ModelKind;
import java.io.Serializable;
import java.util.Objects;

/**
 * The hyperparameters of fastText's supervised training that {@link SupervisedTrainer} implements,
 * named as fastText's command line names them ({@code fasttext supervised -dim -epoch -lr ...}).
 *
 * @param dim size of the hidden vector (columns of both matrices)
 * @param epoch passes over the training lines
 * @param lr starting learning rate, decayed linearly to 0 over all epochs
 * @param wordNgrams longest word n-gram hashed into the buckets (1: words only; DCLM's filter uses 2)
 * @param minCount words seen fewer times are left out of the dictionary
 * @param bucket hash buckets for word and character n-grams (set to 0 when neither is used, as fastText does)
 * @param minn shortest character n-gram (0 with maxn 0: no subwords)
 * @param maxn longest character n-gram (0: no subwords)
 * @param loss softmax or one-vs-all
 * @param lrUpdateRate tokens between updates of the learning rate
 * @param seed seeds the input matrix's initialization and the choice of target among a line's labels
 */
public record SupervisedOptions(int dim, int epoch, double lr, int wordNgrams, int minCount, int bucket, int minn,
    int maxn, ClassifierLoss loss, int lrUpdateRate, long seed) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The losses this trainer offers, named as fastText's {@code -loss} option names them. */
  public enum ClassifierLoss {
    SOFTMAX(Loss.SOFTMAX),
    OVA(Loss.ONE_VS_ALL);

    private final Loss loss;

    ClassifierLoss(Loss loss) {
      this.loss = loss;
    }

    public Loss loss() {
      return loss;
    }
  }

  public SupervisedOptions {
    Objects.requireNonNull(loss, "loss");
    if (dim <= 0 || epoch <= 0 || !(lr > 0) || wordNgrams <= 0 || minCount <= 0 || bucket < 0 || lrUpdateRate <= 0) {
      throw new IllegalArgumentException("dim, epoch, lr, wordNgrams, minCount and lrUpdateRate must be positive and"
          + " bucket not negative");
    }
    if (maxn > 0 && (minn <= 0 || minn > maxn)) {
      throw new IllegalArgumentException("subwords need 0 < minn <= maxn, not minn " + minn + " maxn " + maxn);
    }
  }

  /**
   * The arguments the model file stores. fastText's supervised defaults fill the fields this
   * trainer does not use ({@code ws} 5, {@code neg} 5, {@code t} 1e-4), and the bucket count is 0
   * when there are neither word n-grams nor subwords ({@code Args::parseArgs}), so such a model
   * holds no bucket rows.
   */
  public FastTextArgs args() {
    int buckets = wordNgrams <= 1 && maxn == 0 ? 0 : bucket;
    return new FastTextArgs(dim, 5, epoch, minCount, 5, wordNgrams, loss.loss(), ModelKind.SUPERVISED, buckets,
        maxn == 0 ? 0 : minn, maxn, lrUpdateRate, 1e-4);
  }
}
