package dev.pretrain.dedup.filter;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Small generated fixtures: distinct random words, so no n-gram or line repeats by accident. */
final class Texts {
  private final Random random;
  private final Set<String> used = new HashSet<>();

  Texts(long seed) {
    this.random = new Random(seed);
  }

  /** A new lower-case word of {@code length} letters, never returned before. */
  String word(int length) {
    while (true) {
      StringBuilder sb = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      String w = sb.toString();
      if (used.add(w) && !w.equals("the") && !w.equals("and")) {
        return w;
      }
    }
  }

  /** {@code n} new words of 5 letters separated by spaces. */
  String words(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(word(5));
    }
    return sb.toString();
  }
}
