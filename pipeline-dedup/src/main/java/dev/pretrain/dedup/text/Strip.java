package dev.pretrain.dedup.text;

/**
 * The bounds {@link String#strip} finds, within a char range, without making the String: the
 * filters read lines and paragraphs where they lie in the text. No whitespace char is a surrogate,
 * so testing each char decides as testing each code point does.
 */
public final class Strip {
  private Strip() {}

  /** The first index of {@code chars[from, to)} that is not whitespace, or {@code to}. */
  public static int start(char[] chars, int from, int to) {
    while (from < to && Character.isWhitespace(chars[from])) {
      from++;
    }
    return from;
  }

  /** One past the last index of {@code chars[from, to)} that is not whitespace, or {@code from}. */
  public static int end(char[] chars, int from, int to) {
    while (to > from && Character.isWhitespace(chars[to - 1])) {
      to--;
    }
    return to;
  }
}
