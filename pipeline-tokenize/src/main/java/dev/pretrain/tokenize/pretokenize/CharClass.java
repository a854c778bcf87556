package dev.pretrain.tokenize.pretokenize;

/**
 * The three classes GPT-2-style patterns distinguish: {@code \p{L}}, {@code \p{N}}, Unicode
 * {@code \s} (the White_Space property, which is what Oniguruma's and Python regex's {@code \s}
 * match; {@link Character#isWhitespace} differs: it excludes U+00A0 and includes U+001C..U+001F),
 * and everything else.
 */
public final class CharClass {
  static final byte OTHER = 0;
  static final byte LETTER = 1;
  static final byte NUMBER = 2;
  static final byte SPACE = 3;

  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = slow(c);
    }
  }

  private CharClass() {}

  static byte of(int cp) {
    return cp < 128 ? ASCII[cp] : slow(cp);
  }

  private static byte slow(int cp) {
    if (isWhiteSpace(cp)) {
      return SPACE;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
        return LETTER;
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
        return NUMBER;
      default:
        return OTHER;
    }
  }

  /** Unicode White_Space (PropList.txt): the set {@code \s} matches in Oniguruma. */
  public static boolean isWhiteSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || cp == 0x20
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }
}
