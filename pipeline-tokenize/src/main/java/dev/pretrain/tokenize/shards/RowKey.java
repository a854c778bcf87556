package dev.pretrain.tokenize.shards;

/**
 * A packed row's shuffle key on its way to a shard writer, in one long so it sorts and
 * serializes cheaply: the split index in the top bits, {@code seq_idx} in the low 48 (2.8e14 rows).
 */
final class RowKey {
  private static final int SEQ_BITS = 48;
  private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

  private RowKey() {}

  static long of(int split, long seqIdx) {
    if (seqIdx < 0 || seqIdx > SEQ_MASK) {
      throw new IllegalArgumentException("seq_idx " + seqIdx + " outside [0, 2^48)");
    }
    return ((long) split << SEQ_BITS) | seqIdx;
  }

  static int split(long key) {
    return (int) (key >>> SEQ_BITS);
  }

  static long seqIdx(long key) {
    return key & SEQ_MASK;
  }
}
