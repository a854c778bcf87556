package dev.pretrain.bench.dedup;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Controlled edits that turn a document into a near-duplicate: each whitespace-separated word
 * is, with probability {@code rate}, substituted by a random word, deleted, or preceded by an
 * inserted random word (one of the three, equally likely). Whitespace, and so the line structure
 * the quality filters look at, is kept. Each edit touches at most k shingles of each side, so
 * with substitutions alone the 5-gram Jaccard is near (1-r)^5 / (2 - (1-r)^5): 0.95 at r = 0.005,
 * 0.83 at 0.02, 0.63 at 0.05, 0.36 at 0.12. The generator records the exact value.
 */
final class WordEdits {
  private WordEdits() {}

  /** @param counts incremented: [0] words seen, [1] substituted, [2] deleted, [3] inserted */
  static String apply(String text, double rate, SplittableRandom random, Supplier<String> words, int[] counts) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("edit rate must be in [0, 1], got " + rate);
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int n = text.length();
    int i = 0;
    while (i < n) {
      int start = i;
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int wordStart = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      String space = text.substring(start, wordStart);
      if (wordStart == i) {
        out.append(space); // trailing whitespace
        break;
      }
      counts[0]++;
      if (rate > 0 && random.nextDouble() < rate) {
        switch (random.nextInt(3)) {
          case 0 -> {
            counts[1]++;
            out.append(space).append(words.get());
          }
          case 1 -> {
            counts[2]++;
            // The word and the whitespace before it go; a line break is kept so lines do not merge.
            if (space.indexOf('\n') >= 0) {
              out.append(space);
            }
          }
          default -> {
            counts[3]++;
            out.append(space).append(words.get()).append(' ').append(text, wordStart, i);
          }
        }
      } else {
        out.append(space).append(text, wordStart, i);
      }
    }
    return out.toString();
  }
}
