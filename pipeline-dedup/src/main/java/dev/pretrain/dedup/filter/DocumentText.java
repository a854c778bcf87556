package dev.pretrain.dedup.filter;

import java.util.List;
import java.util.Objects;

/**
 * A document's text with its word tokens computed once and shared by every filter of a chain
 * (three of them need the words; tokenizing once saves two passes per document). What a word is
 * depends on the document's language ({@link WordUnits}).
 */
public final class DocumentText {
  private final String text;
  private final WordUnits units;
  private List<String> words;
  private WordRanges wordRanges;
  private char[] chars;

  /** A text whose words are separated by spaces. */
  public DocumentText(String text) {
    this(text, WordUnits.SPACES);
  }

  public DocumentText(String text, WordUnits units) {
    this.text = Objects.requireNonNull(text, "text");
    this.units = Objects.requireNonNull(units, "units");
  }

  public String text() {
    return text;
  }

  public WordUnits units() {
    return units;
  }

  /** The text's chars, copied once for the filters that read ranges of them. */
  public char[] chars() {
    if (chars == null) {
      chars = text.toCharArray();
    }
    return chars;
  }

  /** {@link WordTokens#split(String, WordUnits)} of the text, computed on first use. */
  public List<String> words() {
    if (words == null) {
      words = wordRanges().substrings(text);
    }
    return words;
  }

  /** The same words as char ranges of the text ({@link WordTokens#ranges}), computed on first use. */
  public WordRanges wordRanges() {
    if (wordRanges == null) {
      wordRanges = WordTokens.ranges(text, units);
    }
    return wordRanges;
  }
}
