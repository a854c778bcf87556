package dev.pretrain.trainer.model;

import java.util.Locale;
import java.util.Map;

/**
 * Shape of a GPT-2 style model (Radford et al. 2019; same names as nanoGPT's {@code GPTConfig}).
 *
 * @param vocabSize       the tokenizer's vocabulary: targets and inputs must be below it
 * @param paddedVocabSize rows of the token embedding, {@code vocabSize} rounded up to a multiple of
 *                        {@link #VOCAB_MULTIPLE} so the logits GEMM gets aligned shapes (llm.c, nanoGPT)
 * @param blockSize       the longest sequence the position embedding covers
 * @param nLayer          transformer blocks
 * @param nHead           attention heads per block
 * @param nEmbd           residual stream width C
 * @param bias            whether linear layers and LayerNorms carry a bias
 */
public record GptConfig(int vocabSize, int paddedVocabSize, int blockSize, int nLayer, int nHead, int nEmbd,
                        boolean bias) implements java.io.Serializable {

  /** llm.c pads GPT-2's 50,257 to 50,304 = 786 × 64. */
  public static final int VOCAB_MULTIPLE = 64;

  private static final Map<String, GptConfig> PRESETS = Map.of(
      "tiny", of(512, 64, 2, 4, 128, true),
      "small", of(8192, 256, 4, 4, 256, true),
      // GPT-2 sizes (Radford et al. 2019, Table 2; nanoGPT model.py from_pretrained).
      "gpt2-124m", of(50257, 1024, 12, 12, 768, true),
      "gpt2-350m", of(50257, 1024, 24, 16, 1024, true));

  public GptConfig {
    require(vocabSize > 0, "vocabSize must be positive, got " + vocabSize);
    require(paddedVocabSize >= vocabSize && paddedVocabSize % VOCAB_MULTIPLE == 0,
        "paddedVocabSize must be a multiple of " + VOCAB_MULTIPLE + " and at least vocabSize " + vocabSize
            + ", got " + paddedVocabSize);
    require(blockSize > 0, "blockSize must be positive, got " + blockSize);
    require(nLayer > 0, "nLayer must be positive, got " + nLayer);
    require(nHead > 0, "nHead must be positive, got " + nHead);
    require(nEmbd > 0, "nEmbd must be positive, got " + nEmbd);
    require(nEmbd % nHead == 0, "nEmbd " + nEmbd + " must be divisible by nHead " + nHead);
    // Every parameter and activation is addressed with an int offset.
    require(parameterCount(paddedVocabSize, blockSize, nLayer, nEmbd, bias) <= Integer.MAX_VALUE,
        "the model has more than 2^31-1 parameters, which one flat buffer cannot index");
  }

  /** A config whose embedding is padded to the next multiple of {@link #VOCAB_MULTIPLE}. */
  public static GptConfig of(int vocabSize, int blockSize, int nLayer, int nHead, int nEmbd, boolean bias) {
    require(vocabSize > 0, "vocabSize must be positive, got " + vocabSize);
    int padded = (int) (((long) vocabSize + VOCAB_MULTIPLE - 1) / VOCAB_MULTIPLE * VOCAB_MULTIPLE);
    return new GptConfig(vocabSize, padded, blockSize, nLayer, nHead, nEmbd, bias);
  }

  /** One of {@code tiny}, {@code small}, {@code gpt2-124m}, {@code gpt2-350m}. */
  public static GptConfig preset(String name) {
    GptConfig config = PRESETS.get(name.toLowerCase(Locale.ROOT));
    if (config == null) {
      throw new IllegalArgumentException("unknown model preset '" + name + "'; known: "
          + PRESETS.keySet().stream().sorted().toList());
    }
    return config;
  }

  public int headSize() {
    return nEmbd / nHead;
  }

  /** All trainable scalars; the output layer is tied to the token embedding and not counted twice. */
  public long parameterCount() {
    return parameterCount(paddedVocabSize, blockSize, nLayer, nEmbd, bias);
  }

  private static long parameterCount(long vocab, long block, long layers, long c, boolean bias) {
    long perBlock = 2 * c * (bias ? 2 : 1)        // two LayerNorms
        + c * 3 * c + (bias ? 3 * c : 0)          // QKV projection
        + c * c + (bias ? c : 0)                  // attention output projection
        + c * 4 * c + (bias ? 4 * c : 0)          // MLP up
        + 4 * c * c + (bias ? c : 0);             // MLP down
    return vocab * c + block * c + layers * perBlock + c * (bias ? 2 : 1);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid GPT config: " + message);
    }
  }
}
