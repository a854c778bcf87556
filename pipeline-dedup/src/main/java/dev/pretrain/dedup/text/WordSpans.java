package dev.pretrain.dedup.text;

import java.util.function.IntPredicate;

/**
 * Walks the words of a text: the runs of chars between runs of spaces, where which chars are
 * spaces is the caller's. The one definition of a word break for the filters' tokens
 * ({@code WordTokens}, whitespace and the Ethiopic wordspace) and decontamination's normalized
 * words ({@code NormalizedWords}, the chars the dedup normalizer breaks words at).
 */
public final class WordSpans {
  private WordSpans() {}

  /** Takes one word: the chars {@code [start, end)} of the text, none of them a space. */
  @FunctionalInterface
  public interface Span {
    void accept(int start, int end);
  }

  /** Gives each word of {@code text} to {@code span} in order; leading, trailing and repeated spaces make no empty word. */
  public static void forEach(String text, IntPredicate isSpace, Span span) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace.test(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace.test(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        span.accept(start, i);
      }
    }
  }
}
