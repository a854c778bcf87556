package dev.pretrain.tokenize.export;

/**
 * How an export stores one token id: its width, the largest id it holds, and the code Megatron-LM's
 * {@code indexed_dataset.DType} gives it in an {@code .idx} header (uint16 = 8, int32 = 4).
 */
public enum TokenDtype {
  UINT16(2, 65_535, 8),
  INT32(4, Integer.MAX_VALUE, 4);

  /**
   * Megatron-LM's {@code DType.optimal_dtype(vocab_size)}, which {@code tools/preprocess_data.py} uses:
   * uint16 below 65,500 ids, int32 from there on. Kept as Megatron has it (not 65,536) so a dataset gets
   * the dtype Megatron's own tool would give it.
   */
  static final int MEGATRON_UINT16_BELOW = 65_500;

  private final int bytes;
  private final long max;
  private final int megatronCode;

  TokenDtype(int bytes, long max, int megatronCode) {
    this.bytes = bytes;
    this.max = max;
    this.megatronCode = megatronCode;
  }

  public int bytes() {
    return bytes;
  }

  public long max() {
    return max;
  }

  public int megatronCode() {
    return megatronCode;
  }

  public boolean holds(int id) {
    return id >= 0 && id <= max;
  }

  /** What Megatron's preprocessing would choose for a vocabulary of {@code vocabSize} ids. */
  public static TokenDtype forMegatron(int vocabSize) {
    return vocabSize < MEGATRON_UINT16_BELOW ? UINT16 : INT32;
  }

  /** numpy's name of the type, as the docs and error messages say it. */
  public String numpyName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
