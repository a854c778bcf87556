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
 *       inside words outnumbering small letters);
 *   <li>Latin text read in a CJK table: lone ideographs or Hangul inside Latin words
 *       ({@code sch枚n}, {@code Bl嚙緣terfunktion}), or letters of two alphabets in one word.
 * </ul>
 */
final class Misdecoding {
  /** Scores are shares of at least this many characters. */
  private static final int MIN_DENOMINATOR = 20;

  /** Inverted case is judged on at least this many capitals inside words ("DÈbut" alone is not it). */
  private static final int MIN_INVERTED_CAPITALS = 4;

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
      } else if (isIdeographic(c) && !isIdeographic(prev) && !isIdeographic(next)
          && (isAsciiLetter(prev) || isAsciiLetter(next))) {
        suspicious++;
      } else if (isAlphabetic(c) && (mixesScript(c, prev) || mixesScript(c, next))) {
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
    if (capitalsInWords > smallLetters && capitalsInWords >= MIN_INVERTED_CAPITALS) {
      suspicious += capitalsInWords;
    }
    // A page with a handful of non-ASCII characters is not judged on one odd symbol.
    return nonAscii == 0 ? 0 : Math.min(1.0, suspicious / (double) Math.max(nonAscii, MIN_DENOMINATOR));
  }

  /** Ideographs, kana and Hangul: what CJK multi-byte tables make of any byte pair. */
  private static boolean isIdeographic(char c) {
    return c >= 0x3040 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF || c >= 0xF900 && c <= 0xFAFF;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** Two letters of different alphabets side by side, as in a Latin word read in a Cyrillic table. */
  private static boolean mixesScript(char c, char neighbour) {
    if (!isAlphabetic(neighbour)) {
      return false;
    }
    return Character.UnicodeScript.of(c) != Character.UnicodeScript.of(neighbour);
  }

  /** A letter of an alphabetic script with letter case (Latin, Greek, Cyrillic, Armenian). */
  private static boolean isAlphabetic(char c) {
    return c < 0x0590 && Character.isLetter(c);
  }

  private static boolean isAccentedLatin(char c) {
    return c >= 0xC0 && c <= 0x24F && Character.isLetter(c);
  }

  /**
   * A Latin-1 symbol ({@code ¡} to {@code ¿}, {@code ×}, {@code ÷}) that real words do not hold
   * but single-byte tables put where another table had a letter; not the middle dot or soft hyphen, not the
   * typographic dashes and quotes real words do hold ("care—whether", "they’re").
   */
  private static boolean isSymbolInsideWord(char c) {
    return c >= 0xA1 && c <= 0xBF && c != 0xB7 && c != 0xAD && c != 0xAA && c != 0xBA && c != 0xB5 || c == 0xD7 || c == 0xF7;
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
