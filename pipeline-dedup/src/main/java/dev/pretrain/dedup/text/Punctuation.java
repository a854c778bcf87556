package dev.pretrain.dedup.text;

/**
 * The punctuation set datatrove uses to tell symbol tokens from words and to strip punctuation
 * for dedup ({@code datatrove/utils/text.py}, {@code PUNCTUATION}): ASCII and common CJK/typographic
 * punctuation plus the C0/C1 control characters other than tab and newline.
 */
public final class Punctuation {
  private static final String LISTED =
      "!/\u2014\u201d:\uff05\uff11\u3008&(\u3001\u2501\\\u3010#%\u300c\u300d\uff0c\u3011\uff1b+^]~\u201c\u300a\u201e';"
          + "\u2019{|\u2236\u00b4[=-`*\uff0e\uff08\u2013\uff1f\uff01\uff1a$\uff5e\u00ab\u3009,><\u300b)?\uff09\u3002"
          + "\u2026@_.\"}\u25ba\u00bb";
  private static final boolean[] SET = new boolean[0x10000];

  static {
    for (int i = 0; i < LISTED.length(); i++) {
      SET[LISTED.charAt(i)] = true;
    }
    // datatrove adds chr(0..8), chr(11..12), chr(13..31), chr(127..159): controls except \t and \n.
    for (int c = 0; c < 160; c++) {
      if ((c < 32 && c != '\t' && c != '\n') || c >= 127) {
        SET[c] = true;
      }
    }
  }

  private Punctuation() {}

  public static boolean contains(char c) {
    return SET[c];
  }

  /** True if every char of {@code s} is punctuation (so the token is a symbol, not a word). */
  public static boolean isSymbolToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!SET[s.charAt(i)]) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isSymbolToken(String)} of the chars {@code [start, end)} of {@code chars}. */
  public static boolean isSymbolToken(char[] chars, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!SET[chars[i]]) {
        return false;
      }
    }
    return true;
  }
}
