package dev.pretrain.dedup.filter;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * A fixed set of words, looked up by a char range of a text so that no word of the text becomes a
 * String: a word longer or shorter than every member is out at once (most words, for a stop list
 * of short words); otherwise its {@link String#hashCode} formula over the range finds the slot and
 * the chars decide. Case-sensitive, as the Gopher rule's set lookup.
 */
final class StopWordSet {
  private final char[][] slots;
  private final int[] hashes;
  private final int mask;
  private final int shortest;
  private final int longest;

  StopWordSet(Collection<String> words) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>(words);
    int capacity = Integer.highestOneBit(Math.max(8, distinct.size() * 2 - 1)) << 1;
    slots = new char[capacity][];
    hashes = new int[capacity];
    mask = capacity - 1;
    int min = Integer.MAX_VALUE;
    int max = -1;
    for (String w : distinct) {
      min = Math.min(min, w.length());
      max = Math.max(max, w.length());
      int h = w.hashCode();
      int slot = spread(h) & mask;
      while (slots[slot] != null) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = w.toCharArray();
      hashes[slot] = h;
    }
    shortest = min;
    longest = max;
  }

  /** Whether {@code text[start, end)} is one of the words. */
  boolean contains(char[] text, int start, int end) {
    int length = end - start;
    if (length < shortest || length > longest) {
      return false;
    }
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text[i];
    }
    for (int slot = spread(h) & mask; slots[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == h && Arrays.equals(slots[slot], 0, slots[slot].length, text, start, end)) {
        return true;
      }
    }
    return false;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
