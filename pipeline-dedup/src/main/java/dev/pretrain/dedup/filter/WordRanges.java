package dev.pretrain.dedup.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text's word tokens ({@link WordTokens}) as char ranges of the text, in order: the filters
 * read each word's length, chars and hash where it lies, so no word becomes a String (making
 * ~200 Strings per KB of text was a fifth of the filters' time).
 */
public final class WordRanges {
  /** start, end of word 0, then of word 1, ... */
  private int[] bounds;
  private int size;

  WordRanges(int expected) {
    bounds = new int[Math.max(16, expected) * 2];
  }

  void add(int start, int end) {
    if (size * 2 == bounds.length) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    bounds[size * 2] = start;
    bounds[size * 2 + 1] = end;
    size++;
  }

  public int size() {
    return size;
  }

  /** The first char of word {@code i}. */
  public int start(int i) {
    return bounds[i * 2];
  }

  /** One past the last char of word {@code i}. */
  public int end(int i) {
    return bounds[i * 2 + 1];
  }

  public int length(int i) {
    return bounds[i * 2 + 1] - bounds[i * 2];
  }

  /** The words as Strings of {@code text}, the text these ranges were found in. */
  List<String> substrings(String text) {
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(text.substring(start(i), end(i)));
    }
    return out;
  }
}
