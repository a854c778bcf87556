package dev.pretrain.classify.fasttext;

import java.util.Arrays;

/**
 * An immutable map from int keys to non-negative int values (open addressing, linear probing), for
 * the prune index of quantized models: looked up once per n-gram of every line, so no boxing.
 */
final class IntIntMap {
  private static final int EMPTY = Integer.MIN_VALUE;
  private final int[] keys;
  private final int[] values;
  private final int mask;

  /** Later pairs win over earlier ones with the same key, as assigning into a map does. */
  IntIntMap(int[] keys, int[] values) {
    int capacity = Integer.highestOneBit(Math.max(4, keys.length * 2 - 1)) << 1;
    this.keys = new int[capacity];
    this.values = new int[capacity];
    this.mask = capacity - 1;
    Arrays.fill(this.keys, EMPTY);
    for (int i = 0; i < keys.length; i++) {
      int slot = slot(keys[i]);
      this.keys[slot] = keys[i];
      this.values[slot] = values[i];
    }
  }

  /** The value of {@code key}, or -1. */
  int get(int key) {
    int slot = slot(key);
    return keys[slot] == EMPTY ? -1 : values[slot];
  }

  private int slot(int key) {
    int i = mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
