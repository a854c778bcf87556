package dev.pretrain.classify.fasttext;

import java.util.Objects;

/**
 * The training arguments a fastText model file stores, in the order fastText writes them
 * ({@code Args::save}, args.cc): thirteen fields after the magic number and version. Only
 * {@code dim}, {@code wordNgrams}, {@code loss}, {@code model}, {@code bucket}, {@code minn} and
 * {@code maxn} matter to prediction; the others are kept so that a model reads and writes back the
 * same bytes.
 *
 * @param dim size of the word vectors (columns of the input and output matrices)
 * @param ws context window (word vectors only)
 * @param epoch training epochs
 * @param minCount words seen fewer times were left out of the dictionary
 * @param neg negatives sampled per example (loss ns)
 * @param wordNgrams longest word n-gram hashed into the buckets (1: words only)
 * @param loss the loss the model was trained with, which decides how it predicts
 * @param model cbow, skipgram or supervised
 * @param bucket number of hash buckets shared by word n-grams and character n-grams (0: none)
 * @param minn shortest character n-gram (subword), in code points, counting the {@code <} and {@code >} markers
 * @param maxn longest character n-gram; 0 means no subwords
 * @param lrUpdateRate how often training updated its learning rate
 * @param t sampling threshold (word vectors only)
 */
public record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, Loss loss,
    ModelKind model, int bucket, int minn, int maxn, int lrUpdateRate, double t) {

  public FastTextArgs {
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(model, "model");
    if (dim <= 0) {
      throw new IllegalArgumentException("dim must be positive, not " + dim);
    }
    if (bucket < 0) {
      throw new IllegalArgumentException("bucket must not be negative, not " + bucket);
    }
    if (minn < 0 || maxn < 0) {
      throw new IllegalArgumentException("minn and maxn must not be negative, not " + minn + " and " + maxn);
    }
    if (bucket == 0 && (maxn > 0 || wordNgrams > 1)) {
      // fastText would take hashes modulo 0: it zeroes bucket only when neither is used.
      throw new IllegalArgumentException("bucket 0 leaves nowhere to hash " + (maxn > 0 ? "subwords (maxn " + maxn + ")"
          : "word n-grams (wordNgrams " + wordNgrams + ")"));
    }
  }

  /** Whether out-of-dictionary words and dictionary words alike are split into character n-grams. */
  public boolean usesSubwords() {
    return maxn > 0;
  }
}
