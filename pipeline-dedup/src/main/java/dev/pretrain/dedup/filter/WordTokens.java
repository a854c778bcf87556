package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.text.Punctuation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into word tokens for the quality filters. datatrove uses NLTK's Treebank
 * {@code word_tokenize} for English; this is a fast approximation of it: split on whitespace, then
 * peel leading and trailing punctuation off each chunk as separate tokens, keeping inner
 * punctuation ({@code don't}, {@code U.S}, {@code e-mail}) inside the word. A run of one
 * punctuation char is one token: an ellipsis "..." (as in NLTK), and a separator line of 60
 * dashes, which as 60 tokens would fill the repetition filter's top 2-gram "- -" and drop an
 * e-mail for its signature line. Contractions ({@code n't}) are not split as NLTK does.
 */
public final class WordTokens {
  private WordTokens() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>(Math.max(16, text.length() / 5));
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        chunk(text, start, i, out);
      }
    }
    return out;
  }

  private static void chunk(String text, int start, int end, List<String> out) {
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
    out.add(text.substring(lead, trail));
    int p = trail;
    while (p < end) {
      p = punctuationToken(text, p, end, out);
    }
  }

  /** Adds one punctuation token starting at {@code p}: a run of the same char is one token. */
  private static int punctuationToken(String text, int p, int end, List<String> out) {
    int q = p + 1;
    char c = text.charAt(p);
    while (q < end && text.charAt(q) == c) {
      q++;
    }
    out.add(text.substring(p, q));
    return q;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
