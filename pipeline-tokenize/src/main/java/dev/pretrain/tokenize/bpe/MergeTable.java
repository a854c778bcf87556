package dev.pretrain.tokenize.bpe;

import java.util.Arrays;

/**
 * The BPE merges as an open-addressing map from a pair of token ids to its rank (position in the
 * merges list: lower merges first) and the id of the merged token. Immutable once built; primitive
 * arrays, so a lookup in the encoder's inner loop allocates nothing.
 */
public final class MergeTable {
  private static final long EMPTY = -1L;

  private final long[] keys;
  private final long[] values;
  private final int mask;
  private final int size;

  private MergeTable(long[] keys, long[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.mask = keys.length - 1;
    this.size = size;
  }

  static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** {@code rank << 32 | mergedId} for the pair, or -1 if the pair does not merge. */
  public long lookup(int left, int right) {
    long key = pair(left, right);
    int slot = mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return values[slot];
      }
      if (k == EMPTY) {
        return -1L;
      }
      slot = (slot + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  static int rankOf(long entry) {
    return (int) (entry >>> 32);
  }

  static int mergedIdOf(long entry) {
    return (int) entry;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  /**
   * Collects merges in rank order. A pair listed twice keeps its last rank, as HF's BPE model does
   * (its merge map is collected from the list, later entries overwriting earlier ones).
   */
  public static final class Builder {
    private long[] pairs = new long[1024];
    private int[] merged = new int[1024];
    private int n;

    public void add(int left, int right, int mergedId) {
      if (n == pairs.length) {
        pairs = Arrays.copyOf(pairs, n * 2);
        merged = Arrays.copyOf(merged, n * 2);
      }
      pairs[n] = pair(left, right);
      merged[n] = mergedId;
      n++;
    }

    public MergeTable build() {
      int capacity = Integer.highestOneBit(Math.max(4, n) * 4 - 1);
      long[] keys = new long[capacity];
      long[] values = new long[capacity];
      Arrays.fill(keys, EMPTY);
      int mask = capacity - 1;
      int size = 0;
      for (int rank = 0; rank < n; rank++) {
        long key = pairs[rank];
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
          slot = (slot + 1) & mask;
        }
        if (keys[slot] == EMPTY) {
          size++;
        }
        keys[slot] = key;
        values[slot] = ((long) rank << 32) | (merged[rank] & 0xFFFFFFFFL);
      }
      return new MergeTable(keys, values, size);
    }
  }
}
