package dev.pretrain.dedup.filter;

import java.util.Arrays;

/**
 * Which char ranges of one text repeat an earlier range with the same chars, without making a
 * String of any range: a range is looked up by a hash of its chars that the caller computed where
 * the chars lie, and compared char by char only with earlier ranges of the same hash. So two
 * different ranges whose hashes collide still count as different. Open-addressing arrays reused
 * across documents (one instance per thread), as {@link NGramCounts}.
 */
final class RepeatedRanges {
  private char[] text = new char[0];
  private long[] hashes = new long[1024];
  private int[] starts = new int[1024];
  private int[] ends = new int[1024];
  /** 1 + the index of the range in a slot, 0 for an empty slot. */
  private int[] slots = new int[2048];
  private int capacity;
  private int size;
  private int limit;

  /** Empties the set for ranges of {@code text}, at most {@code expected} of them. */
  void clear(char[] text, int expected) {
    this.text = text;
    limit = Math.max(1, expected);
    capacity = Integer.highestOneBit(Math.max(16, limit * 2 - 1)) << 1;
    if (capacity > slots.length) {
      slots = new int[capacity];
    } else {
      Arrays.fill(slots, 0, capacity, 0);
    }
    if (limit > hashes.length) {
      hashes = new long[limit];
      starts = new int[limit];
      ends = new int[limit];
    }
    size = 0;
  }

  /**
   * Adds the range {@code [start, end)} of the text unless a range with the same chars was added
   * before; returns whether one was.
   *
   * @param hash a hash of the range's chars (equal chars must give equal hashes)
   */
  boolean repeats(long hash, int start, int end) {
    int mask = capacity - 1;
    int slot = (int) (hash ^ (hash >>> 32)) & mask;
    for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
      int e = entry - 1;
      if (hashes[e] == hash && sameChars(text, starts[e], ends[e], start, end)) {
        return true;
      }
    }
    if (size == limit) {
      throw new IllegalStateException("clear(text, expected) was called with too small a size");
    }
    hashes[size] = hash;
    starts[size] = start;
    ends[size] = end;
    slots[slot] = ++size;
    return false;
  }

  /** Whether {@code text[aStart, aEnd)} and {@code text[bStart, bEnd)} hold the same chars. */
  static boolean sameChars(char[] text, int aStart, int aEnd, int bStart, int bEnd) {
    return Arrays.equals(text, aStart, aEnd, text, bStart, bEnd);
  }
}
