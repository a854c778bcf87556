package dev.pretrain.trainer.sample;

import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Autoregressive generation, batch 1, from a model's weights. The model runs at its block size: the
 * context is cropped to the last {@code block_size} ids (as nanoGPT's {@code generate}) and padded
 * after its end; causal attention keeps the padding from reaching the position that is read.
 */
public final class Sampler {

  private final Gpt model;
  private final int candidates;
  private final int[] inputs;
  private final int[] targets;
  private final double[] probabilities;

  /**
   * @param model      a model of batch 1 and sequence length = its block size, holding trained weights
   * @param candidates ids {@code [0, candidates)} may be generated: the tokenizer's vocabulary, which can
   *                   be smaller than the model's
   */
  public Sampler(Gpt model, int candidates) {
    GptConfig config = model.config();
    if (model.batchSize() != 1 || model.seqLen() != config.blockSize()) {
      throw new IllegalArgumentException("sampling needs a model of batch 1 and sequence length block size "
          + config.blockSize() + ", got B=" + model.batchSize() + " T=" + model.seqLen());
    }
    if (candidates < 1 || candidates > config.vocabSize()) {
      throw new IllegalArgumentException("candidate ids must be in [1, model vocabulary " + config.vocabSize()
          + "], got " + candidates);
    }
    this.model = model;
    this.candidates = candidates;
    this.inputs = new int[config.blockSize()];
    this.targets = new int[config.blockSize()];
    this.probabilities = new double[config.vocabSize()];
  }

  /** The weights of checkpoint {@code dir} (checksum verified; model shape from its state.json). */
  public static Sampler load(Path dir) {
    CheckpointState state = Checkpoints.readState(dir);
    GptConfig config = state.model();
    Gpt model = new Gpt(config, 1, config.blockSize(), DataType.FLOAT, 0);
    // The dataset is not needed to sample, so the manifest check is waived.
    Checkpoints.load(dir, Map.of(Trainer.PARAMETERS_FILE, model.parameters()), state.manifestSha256(), true);
    return new Sampler(model, config.vocabSize());
  }

  public GptConfig config() {
    return model.config();
  }

  /** A copy of this sampler restricted to ids {@code [0, candidates)}. */
  public Sampler limitedTo(int newCandidates) {
    return new Sampler(model, newCandidates);
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
    for (int n = prompt.length; n < sequence.length; n++) {
      int from = Math.max(0, n - block);
      int length = n - from;
      Arrays.fill(inputs, 0);
      System.arraycopy(sequence, from, inputs, 0, length);
      model.forward(inputs, targets);
      model.probabilitiesAt(length - 1, probabilities);
      sequence[n] = NextToken.choose(probabilities, candidates, temperature, topK, random);
    }
    return Arrays.copyOfRange(sequence, prompt.length, sequence.length);
  }
}
