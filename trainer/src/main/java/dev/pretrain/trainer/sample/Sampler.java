package dev.pretrain.trainer.sample;

import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.CachedDecoder;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.trained.TrainedCheckpoint;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Autoregressive generation, batch 1, from a model's weights, by default with a key/value cache
 * ({@link Decoding#KV_CACHE}): the prompt runs through the model once, then each new token costs one
 * row. {@link Decoding#FULL_CONTEXT} instead runs the model at its block size over the whole context
 * for every token, padded after its end (causal attention keeps the padding from reaching the
 * position that is read); both give the same tokens.
 *
 * <p>The context window, the same in both modes: a prompt longer than the block size is cropped to
 * its last {@code block_size} ids (as nanoGPT's {@code generate}); once the context would pass the
 * block size, it drops to its last {@code block_size / 2} ids and grows again from there. Cached keys
 * and values belong to the positions they were computed at, so a window that slid by one token every
 * step (nanoGPT) would need the whole window recomputed per token; restarting from half a window costs
 * one forward over {@code block_size / 2} tokens per {@code block_size / 2} new tokens, and leaves at
 * least half a block of context.
 */
public final class Sampler {

  private final Gpt model;
  private final int candidates;
  private final Decoding decoding;
  private CachedDecoder decoder;       // made on first cached use, shared with the copies of this sampler
  private Gpt fullContextModel;        // the model at its block size, made on first full-context use
  private final int[] inputs;
  private final int[] targets;
  private final double[] probabilities;

  /**
   * @param model      a model of batch 1 holding trained weights. The cache needs no activations, so
   *                   any sequence length does (1 is the least memory); full-context decoding runs at
   *                   the block size and copies θ into a model of that length if this is another
   * @param candidates ids {@code [0, candidates)} may be generated: the tokenizer's vocabulary, which can
   *                   be smaller than the model's
   */
  public Sampler(Gpt model, int candidates) {
    this(model, candidates, Decoding.KV_CACHE, null);
  }

  private Sampler(Gpt model, int candidates, Decoding decoding, CachedDecoder decoder) {
    GptConfig config = model.config();
    if (model.batchSize() != 1) {
      throw new IllegalArgumentException("sampling needs a model of batch 1, got B=" + model.batchSize());
    }
    if (candidates < 1 || candidates > config.vocabSize()) {
      throw new IllegalArgumentException("candidate ids must be in [1, model vocabulary " + config.vocabSize()
          + "], got " + candidates);
    }
    this.model = model;
    this.candidates = candidates;
    this.decoding = decoding;
    this.decoder = decoder;
    this.inputs = new int[config.blockSize()];
    this.targets = new int[config.blockSize()];
    this.probabilities = new double[config.vocabSize()];
  }

  /**
   * The weights of {@code checkpoint} (checksum verified), in a model of sequence length 1: the cache
   * holds the context, so the training activations for a whole block are not allocated.
   */
  public static Sampler load(TrainedCheckpoint checkpoint) {
    GptConfig config = checkpoint.model();
    Gpt model = new Gpt(config, 1, 1, DataType.FLOAT, 0);
    checkpoint.readParameters(model.parameters());
    return new Sampler(model, config.vocabSize());
  }

  public GptConfig config() {
    return model.config();
  }

  /** A copy of this sampler restricted to ids {@code [0, candidates)}. */
  public Sampler limitedTo(int newCandidates) {
    return new Sampler(model, newCandidates, decoding, decoder);
  }

  /** A copy of this sampler that decodes the given way. */
  public Sampler with(Decoding newDecoding) {
    return new Sampler(model, candidates, newDecoding, decoder);
  }

  public Decoding decoding() {
    return decoding;
  }

  /**
   * The {@code maxNewTokens} ids generated after {@code prompt}.
   *
   * @param temperature 0 = greedy; otherwise the logits are divided by it
   * @param topK        keep this many most likely ids (≥ 1); the vocabulary size keeps all
   * @param seed        the same seed (and inputs) gives the same ids
   */
  public int[] generate(int[] prompt, int maxNewTokens, double temperature, int topK, long seed) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt is empty: generation needs at least one token of context");
    }
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] < 0 || prompt[i] >= model.config().vocabSize()) {
        throw new IllegalArgumentException("prompt id " + prompt[i] + " at position " + i
            + " is outside the model's vocabulary [0, " + model.config().vocabSize() + ")");
      }
    }
    if (maxNewTokens < 0) {
      throw new IllegalArgumentException("max new tokens must be ≥ 0, got " + maxNewTokens);
    }
    NextToken.checkTemperature(temperature);
    NextToken.checkTopK(topK);
    Random random = new Random(seed);
    int block = model.config().blockSize();
    int[] sequence = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
    int windowStart = Math.max(0, prompt.length - block);
    if (decoding == Decoding.KV_CACHE && maxNewTokens > 0) {
      cachedDecoder().reset();
      decoder.append(sequence, windowStart, prompt.length - windowStart);
    }
    for (int n = prompt.length; n < sequence.length; n++) {
      if (decoding == Decoding.KV_CACHE) {
        decoder.probabilities(probabilities);
      } else {
        fullContextProbabilities(sequence, windowStart, n);
      }
      sequence[n] = NextToken.choose(probabilities, candidates, temperature, topK, random);
      if (n + 1 - windowStart > block) {
        windowStart = n + 1 - refillLength(block);
        if (decoding == Decoding.KV_CACHE && n + 1 < sequence.length) {
          decoder.reset();
          decoder.append(sequence, windowStart, n + 1 - windowStart);
        }
      } else if (decoding == Decoding.KV_CACHE && n + 1 < sequence.length) {
        decoder.append(sequence, n, 1);
      }
    }
    return Arrays.copyOfRange(sequence, prompt.length, sequence.length);
  }

  /** The context length a full window drops to. */
  static int refillLength(int block) {
    return Math.max(1, block / 2);
  }

  private CachedDecoder cachedDecoder() {
    if (decoder == null) {
      decoder = new CachedDecoder(model);
    }
    return decoder;
  }

  /** Next-token probabilities after {@code sequence[from, to)} from a forward at the block size. */
  private void fullContextProbabilities(int[] sequence, int from, int to) {
    int length = to - from;
    Arrays.fill(inputs, 0);
    System.arraycopy(sequence, from, inputs, 0, length);
    Gpt full = fullContextModel();
    full.forward(inputs, targets);
    full.probabilitiesAt(length - 1, probabilities);
  }

  private Gpt fullContextModel() {
    if (fullContextModel == null) {
      int block = model.config().blockSize();
      if (model.seqLen() == block) {
        fullContextModel = model;
      } else {
        fullContextModel = new Gpt(model.config(), 1, block, model.parameters().dataType(), 0);
        fullContextModel.parameters().assign(model.parameters());
      }
    }
    return fullContextModel;
  }
}
