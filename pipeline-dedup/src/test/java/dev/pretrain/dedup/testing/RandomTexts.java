package dev.pretrain.dedup.testing;

import java.util.Random;

/**
 * Texts for comparing a rewritten step with the code it replaced, kept in its test: random
 * sequences of given pieces (kinds of space, line ends, punctuation runs, surrogate pairs), so
 * thousands of cases reach the edges no hand-written list covers.
 */
public final class RandomTexts {
  private RandomTexts() {}

  /** Up to {@code maxParts - 1} pieces drawn from {@code pieces} and joined. */
  public static String of(Random random, String[] pieces, int maxParts) {
    StringBuilder text = new StringBuilder();
    int parts = random.nextInt(maxParts);
    for (int p = 0; p < parts; p++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }
}
