package dev.pretrain.dedup.text;

import java.util.Locale;

/**
 * Finds lower-case ASCII phrases in text as {@code text.toLowerCase(Locale.ROOT).contains(phrase)}
 * would, without lowering the text: through a table of each char's lower case where
 * {@code toLowerCase(Locale.ROOT)} makes it one ASCII char (A-Z, and the Kelvin sign to k), 0
 * otherwise. A char lowered to anything else can be no part of a match of an ASCII phrase: İ
 * (U+0130) lowers to i plus a combining dot, so only a phrase with an i followed by that dot could
 * meet it, and surrogates lower to non-ASCII. (Lowering the whole text or line was the filters'
 * largest string cost.)
 */
public final class AsciiLowerCase {
  private static final char[] LOWER = new char[0x10000];

  static {
    for (int c = 0; c < 0x10000; c++) {
      String lower = String.valueOf((char) c).toLowerCase(Locale.ROOT);
      if (lower.length() == 1 && lower.charAt(0) < 0x80) {
        LOWER[c] = lower.charAt(0);
      }
    }
  }

  private AsciiLowerCase() {}

  /** The char's lower case if {@code toLowerCase(Locale.ROOT)} makes it one ASCII char, else 0. */
  public static char of(char c) {
    return LOWER[c];
  }

  /**
   * Whether {@code text[at, end)} starts with {@code phrase} (lower-case ASCII, no NUL) once lowered.
   */
  public static boolean startsWith(char[] text, int at, int end, String phrase) {
    int n = phrase.length();
    if (end - at < n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (LOWER[text[at + k]] != phrase.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
