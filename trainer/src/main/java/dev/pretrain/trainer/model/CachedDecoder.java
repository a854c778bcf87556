package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generation, batch 1, with a key/value cache: every token's keys and values are kept per block, so
 * the prompt runs through the model once and each new token then costs one row (its attention reads
 * the cached keys and values) instead of a forward over the whole context. It is the model's own
 * forward ({@link Gpt}'s blocks and layers, reading θ of the model it was made from) over activations
 * of the new rows only, so its next-token probabilities match a full forward over the same tokens to
 * float rounding.
 *
 * <p>Positions run from 0 to the block size − 1 (the position embedding's length). When the cache is
 * full the caller {@link #reset}s it and appends the context it wants to keep; the cached keys were
 * computed at their old positions, so they cannot slide.
 */
public final class CachedDecoder {

  private final Gpt model;
  private final GptConfig config;
  private final DataType type;
  private final CausalSelfAttention.KvCache[] caches;   // one per block
  private final Activations single;                     // the buffers of a one-token append
  private Activations prefill;                          // the buffers of the last longer append
  private Activations last;                             // the buffers holding the current logits
  private int length;

  /** A decoder over the weights of {@code model} (shared, not copied: later changes to θ show). */
  public CachedDecoder(Gpt model) {
    this.model = model;
    this.config = model.config();
    this.type = model.parameters().dataType();
    this.caches = new CausalSelfAttention.KvCache[config.nLayer()];
    for (int l = 0; l < caches.length; l++) {
      caches[l] = new CausalSelfAttention.KvCache(ElementView.of(Nd4j.create(type, config.blockSize(), config.nEmbd())),
          ElementView.of(Nd4j.create(type, config.blockSize(), config.nEmbd())));
    }
    this.single = Activations.decoding(config, 1, type);
  }

  public GptConfig config() {
    return config;
  }

  /** Tokens in the cache; the next one appended sits at this position. */
  public int length() {
    return length;
  }

  /** The most tokens the cache holds: the model's block size. */
  public int capacity() {
    return config.blockSize();
  }

  /** Empties the cache; the next token appended sits at position 0. */
  public void reset() {
    length = 0;
  }

  /**
   * Runs {@code tokens[from, from+count)} through the model at positions {@code length()…}, adding
   * their keys and values to the cache, and keeps the logits of the last of them.
   */
  public void append(int[] tokens, int from, int count) {
    if (count < 1 || from < 0 || from + count > tokens.length) {
      throw new IllegalArgumentException("need 1 or more tokens inside the array, got from " + from + " count "
          + count + " of " + tokens.length);
    }
    if (length + count > capacity()) {
      throw new IllegalStateException("the cache holds " + length + " of " + capacity() + " positions; " + count
          + " more do not fit: reset it and append the context to keep");
    }
    for (int i = from; i < from + count; i++) {
      if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
        throw new IllegalArgumentException("token " + tokens[i] + " at index " + i
            + " is outside the model's vocabulary [0, " + config.vocabSize() + ")");
      }
    }
    last = buffersFor(count);
    model.forward(last, tokens, from, length, caches);
    length += count;
  }

  /** The logits over the V real tokens after the last appended token. */
  public void logits(double[] into) {
    if (length == 0) {
      throw new IllegalStateException("no token appended since the cache was emptied");
    }
    for (int j = 0; j < config.vocabSize(); j++) {
      into[j] = last.logits.get(j);
    }
  }

  /** Softmax of {@link #logits} over the V real tokens (the padding rows of the embedding excluded). */
  public void probabilities(double[] into) {
    logits(into);
    int v = config.vocabSize();
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < v; j++) {
      max = Math.max(max, into[j]);
    }
    double sum = 0;
    for (int j = 0; j < v; j++) {
      into[j] = Math.exp(into[j] - max);
      sum += into[j];
    }
    for (int j = 0; j < v; j++) {
      into[j] /= sum;
    }
  }

  private Activations buffersFor(int n) {
    if (n == 1) {
      return single;
    }
    if (prefill == null || prefill.dims.rows() != n) {
      prefill = Activations.decoding(config, n, type);
    }
    return prefill;
  }
}
