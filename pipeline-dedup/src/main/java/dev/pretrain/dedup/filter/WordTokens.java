package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.text.Punctuation;
import dev.pretrain.dedup.text.WordSpans;
import java.util.List;

/**
 * Splits text into word tokens for the quality filters. datatrove uses NLTK's Treebank
 * {@code word_tokenize} for English; this is a fast approximation of it: split on whitespace, then
 * peel leading and trailing punctuation off each chunk as separate tokens, keeping inner
 * punctuation ({@code don't}, {@code U.S}, {@code e-mail}) inside the word. A run of one
 * punctuation char is one token: an ellipsis "..." (as in NLTK), and a separator line of 60
 * dashes, which as 60 tokens would fill the repetition filter's top 2-gram "- -" and drop an
 * e-mail for its signature line. Contractions ({@code n't}) are not split as NLTK does.
 *
 * <p>With {@link WordUnits#CHARACTERS}, each character of a script written without spaces (see
 * {@link #isUnspaced}) is a word of its own, together with the combining marks after it (a Thai
 * vowel or tone mark belongs to its consonant); the other runs of a chunk are split as above.
 */
public final class WordTokens {
  private WordTokens() {}

  /** Words between spaces ({@link WordUnits#SPACES}). */
  public static List<String> split(String text) {
    return split(text, WordUnits.SPACES);
  }

  public static List<String> split(String text, WordUnits units) {
    return ranges(text, units).substrings(text);
  }

  /** The words of {@link #split(String, WordUnits)} as char ranges of the text. */
  public static WordRanges ranges(String text, WordUnits units) {
    WordRanges out = new WordRanges(text.length() / 5);
    if (units == WordUnits.CHARACTERS) {
      WordSpans.forEach(text, WordTokens::isSpace, (start, end) -> characters(text, start, end, out));
    } else {
      WordSpans.forEach(text, WordTokens::isSpace, (start, end) -> chunk(text, start, end, out));
    }
    return out;
  }

  private static void chunk(String text, int start, int end, WordRanges out) {
    int lead = start;
    while (lead < end && Punctuation.contains(text.charAt(lead))) {
      lead = punctuationToken(text, lead, end, out);
    }
    if (lead == end) {
      return;
    }
    int trail = end;
    while (trail > lead && Punctuation.contains(text.charAt(trail - 1))) {
      trail--;
    }
    out.add(lead, trail);
    int p = trail;
    while (p < end) {
      p = punctuationToken(text, p, end, out);
    }
  }

  /**
   * A chunk between spaces in which each char of an unspaced script is a word: the runs of other
   * chars between them are split as a chunk of their own.
   */
  private static void characters(String text, int start, int end, WordRanges out) {
    int other = start;
    int i = start;
    while (i < end) {
      int c = text.codePointAt(i);
      if (!isUnspaced(c)) {
        i += Character.charCount(c);
        continue;
      }
      if (i > other) {
        chunk(text, other, i, out);
      }
      int unit = i + Character.charCount(c);
      while (unit < end && isMark(text.codePointAt(unit))) {
        unit += Character.charCount(text.codePointAt(unit));
      }
      out.add(i, unit);
      i = unit;
      other = unit;
    }
    if (end > other) {
      chunk(text, other, end, out);
    }
  }

  /**
   * Whether a code point belongs to a script written without spaces between words: Chinese,
   * Japanese (kanji, kana and the prolonged sound mark), Thai, Lao, Khmer, Myanmar, Tibetan. Their
   * punctuation (。、「」) is not included: it is split off as punctuation.
   */
  static boolean isUnspaced(int c) {
    if (c < 0x0E00) {
      return false;
    }
    if (c == 0x30FC || c == 0x3005) { // ー (kana prolonged sound mark, script Common), 々 (iteration mark)
      return true;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return switch (script) {
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
      default -> false;
    };
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Adds one punctuation token starting at {@code p}: a run of the same char is one token. */
  private static int punctuationToken(String text, int p, int end, WordRanges out) {
    int q = p + 1;
    char c = text.charAt(p);
    while (q < end && text.charAt(q) == c) {
      q++;
    }
    out.add(p, q);
    return q;
  }

  /**
   * Whitespace, and the Ethiopic wordspace ፡ (U+1361), which separates the words of traditionally
   * written Amharic and Ge'ez where other scripts put a space (the sample's Amharic UDHR has no
   * other word separator).
   */
  static boolean isSpace(int c) {
    if (c < 0x80) {
      // The ASCII answer of the test below without its two table lookups: space, \t..\r, and
      // the separators U+001C..U+001F (Character.isWhitespace); letters are most chars.
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c)
        || c == '\u1361';
  }
}
