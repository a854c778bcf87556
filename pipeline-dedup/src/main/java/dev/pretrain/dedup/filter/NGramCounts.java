package dev.pretrain.dedup.filter;

import java.util.Arrays;

/**
 * Counts of 64-bit n-gram keys with the position each was first seen, in open-addressing arrays
 * reused across documents (no boxing, no per-n-gram objects; one instance per thread). Keys are hashes of word-id
 * sequences; two different n-grams of one document share a key with probability about 2^-64 per
 * pair, far below anything that could move a threshold.
 */
final class NGramCounts {
  private long[] keys = new long[1024];
  private int[] counts = new int[1024];
  private int[] first = new int[1024];
  private int capacity;
  private int size;

  /** Empties the table and sizes it for {@code expected} distinct keys at most. */
  void clear(int expected) {
    capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    if (capacity > keys.length) {
      keys = new long[capacity];
      counts = new int[capacity];
      first = new int[capacity];
    } else {
      Arrays.fill(counts, 0, capacity, 0);
    }
    size = 0;
  }

  /** Adds one occurrence of {@code key} seen at {@code position}; returns the count before it. */
  int add(long key, int position) {
    int mask = capacity - 1;
    int slot = (int) (key ^ (key >>> 32)) & mask;
    while (counts[slot] != 0) {
      if (keys[slot] == key) {
        return counts[slot]++;
      }
      slot = (slot + 1) & mask;
    }
    if (++size * 2 > capacity) {
      throw new IllegalStateException("clear(expected) was called with too small a size");
    }
    keys[slot] = key;
    counts[slot] = 1;
    first[slot] = position;
    return 0;
  }

  /** {count, first position} of the most frequent key, the earliest seen winning ties. */
  long[] mostFrequent() {
    int bestCount = 0;
    int bestFirst = Integer.MAX_VALUE;
    for (int i = 0; i < capacity; i++) {
      int c = counts[i];
      if (c > bestCount || (c == bestCount && c > 0 && first[i] < bestFirst)) {
        bestCount = c;
        bestFirst = first[i];
      }
    }
    return new long[] {bestCount, bestFirst};
  }
}
