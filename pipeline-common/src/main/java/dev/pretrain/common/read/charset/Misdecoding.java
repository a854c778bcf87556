package dev.pretrain.common.read.charset;

/**
 * How much a decoded text looks like bytes read in the wrong charset: the share of its non-ASCII
 * characters that show a sign of it. Correct text of any language scores near 0; the common
 * confusions score far higher, and each has a sign this looks for:
 * <ul>
 *   <li>replacement characters, C1 controls (a single-byte Latin table over another charset's
 *       bytes), private-use characters and half-width katakana (Shift_JIS over EUC-JP bytes);
 *   <li>UTF-8 read as windows-1252: a lead byte's letter ({@code Ã Â Ð Ñ}) before a continuation
 *       byte's character ({@code © ¤ ¿ €}), the familiar "cafÃ©";
 *   <li>Cyrillic, Greek or CJK bytes read as windows-1252: whole words of accented Latin letters
 *       (real European words rarely hold three accented letters in a row);
 *   <li>ISO-8859-2 read as windows-1252: symbols inside words ({@code g³ówny}, {@code mi¹¿sz});
 *   <li>KOI8-R read as windows-1251 and back: the letter case inverted ({@code пРИВЕТ}, capitals
 *       inside words outnumbering small letters).
 * </ul>
 */
final class Misdecoding {
  private Misdecoding() {}

  /** Suspicious non-ASCII characters per non-ASCII character in the first {@code limit} chars. */
  static double score(String text, int limit) {
    int n = Math.min(text.length(), limit);
    int nonAscii = 0;
    int suspicious = 0;
    int capitalsInWords = 0;
    int smallLetters = 0;
    int accentedRun = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        accentedRun = 0;
        continue;
      }
      nonAscii++;
      char prev = i > 0 ? text.charAt(i - 1) : ' ';
      char next = i + 1 < n ? text.charAt(i + 1) : ' ';
      accentedRun = isAccentedLatin(c) ? accentedRun + 1 : 0;
      if (c == '\uFFFD' || c <= 0x9F || c >= 0xE000 && c <= 0xF8FF || c >= 0xFF61 && c <= 0xFF9F
          || Character.getType(c) == Character.UNASSIGNED) {
        suspicious++;
      } else if (c >= 0xC2 && c <= 0xF4 && isWindows1252Continuation(next)) {
        suspicious++;
      } else if (accentedRun >= 3) {
        suspicious++;
      } else if (isAlphabetic(prev) && isAlphabetic(next) && isSymbolInsideWord(c)) {
        suspicious++;
      } else if (isAlphabetic(c) && Character.isUpperCase(c) && isAlphabetic(prev)
          && Character.isLowerCase(prev)) {
        suspicious++;
      }
      if (isAlphabetic(c)) {
        if (Character.isLowerCase(c)) {
          smallLetters++;
        } else if (Character.isUpperCase(c) && isAlphabetic(prev)) {
          capitalsInWords++;
        }
      }
    }
    if (capitalsInWords > smallLetters) {
      suspicious += capitalsInWords;
    }
    return nonAscii == 0 ? 0 : Math.min(1.0, suspicious / (double) nonAscii);
  }

  /** A letter of an alphabetic script with letter case (Latin, Greek, Cyrillic, Armenian). */
  private static boolean isAlphabetic(char c) {
    return c < 0x0590 && Character.isLetter(c);
  }

  private static boolean isAccentedLatin(char c) {
    return c >= 0xC0 && c <= 0x24F && Character.isLetter(c);
  }

  /** Punctuation or a symbol that real words do not hold (apostrophes, hyphens and dots may). */
  private static boolean isSymbolInsideWord(char c) {
    if (Character.isLetterOrDigit(c) || c >= 0x2C00) {
      return false;
    }
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK) {
      return false;
    }
    return switch (c) {
      case '\u2019', '\u2018', '\u02BC', '\u00B7', '\u2010', '\u2011', '\u00AD', '\u2027', '\u2013' -> false;
      default -> true;
    };
  }

  /** A character windows-1252 gives a byte 0x80-0xBF, which UTF-8 uses only after a lead byte. */
  private static boolean isWindows1252Continuation(char c) {
    if (c >= 0xA0 && c <= 0xBF) {
      return true;
    }
    return switch (c) {
      case '€', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 'Ž', '‘', '’', '“', '”', '•', '–', '—',
          '˜', '™', 'š', '›', 'œ', 'ž', 'Ÿ' -> true;
      default -> false;
    };
  }
}
