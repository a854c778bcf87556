package dev.pretrain.tokenize.train;

import java.util.Arrays;

/** Open-addressing map from a token pair (packed in a long) to its weighted count. */
final class PairCounts {
  private static final long EMPTY = -1L;

  private long[] keys;
  private long[] values;
  private int size;

  PairCounts(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    keys = new long[capacity];
    values = new long[capacity];
    Arrays.fill(keys, EMPTY);
  }

  static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  static int left(long pair) {
    return (int) (pair >>> 32);
  }

  static int right(long pair) {
    return (int) pair;
  }

  long get(long pair) {
    int slot = find(pair);
    return keys[slot] == EMPTY ? 0 : values[slot];
  }

  /** Adds {@code delta} and returns the new count. */
  long add(long pair, long delta) {
    int slot = find(pair);
    if (keys[slot] == EMPTY) {
      keys[slot] = pair;
      values[slot] = delta;
      if (++size * 2 > keys.length) {
        grow();
      }
      return delta;
    }
    values[slot] += delta;
    return values[slot];
  }

  void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  interface Visitor {
    void visit(long pair, long count);
  }

  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  private int find(long pair) {
    int mask = keys.length - 1;
    long h = pair * 0x9E3779B97F4A7C15L;
    int slot = (int) (h ^ (h >>> 31)) & mask;
    while (keys[slot] != EMPTY && keys[slot] != pair) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
