package dev.pretrain.tokenize.bpe;

import java.util.Arrays;

/**
 * A bounded map from a piece of text to its ids, owned by one thread. Looked up by a char range of
 * the text so a hit allocates nothing; when it fills up it is emptied (natural text repeats its
 * frequent pieces quickly, so a simple reset keeps the hit rate of an LRU at a fraction of the
 * cost). Pieces longer than {@link #MAX_PIECE_CHARS} are not cached.
 */
final class PieceCache {
  static final int MAX_PIECE_CHARS = 64;

  private final String[] keys;
  private final int[][] values;
  private final int mask;
  private final int maxEntries;
  private int size;

  PieceCache(int capacityPowerOfTwo) {
    if (Integer.bitCount(capacityPowerOfTwo) != 1) {
      throw new IllegalArgumentException("cache capacity must be a power of two: " + capacityPowerOfTwo);
    }
    keys = new String[capacityPowerOfTwo];
    values = new int[capacityPowerOfTwo][];
    mask = capacityPowerOfTwo - 1;
    maxEntries = capacityPowerOfTwo / 2;
  }

  /** The same hash as {@link String#hashCode()} over {@code text[start, end)}. */
  static int hash(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }

  int[] get(String text, int start, int end, int hash) {
    int len = end - start;
    int slot = spread(hash) & mask;
    while (true) {
      String k = keys[slot];
      if (k == null) {
        return null;
      }
      if (k.length() == len && k.hashCode() == hash && k.regionMatches(0, text, start, len)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
  }

  void put(String key, int[] ids) {
    if (size >= maxEntries) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      size = 0;
    }
    int slot = spread(key.hashCode()) & mask;
    while (keys[slot] != null) {
      if (keys[slot].equals(key)) {
        values[slot] = ids;
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = ids;
    size++;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
