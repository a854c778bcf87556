package dev.pretrain.dedup.decontaminate;

import java.util.Arrays;

/**
 * Cuts matched spans out of a text, each widened by a margin on both sides (GPT-3 removed "the
 * n-gram and a 200 character window around it", Brown et al. 2020, appendix C). Overlapping or
 * touching cuts merge; the pieces left are joined by a line break (so words on either side of a
 * cut do not run together), and pieces of only whitespace are dropped.
 */
final class Redaction {
  private Redaction() {}

  /**
   * @param spans {@code [start, end)} char ranges of the text, in any order
   * @return the text without the widened spans; empty when nothing but whitespace is left
   */
  static String redact(String text, int[][] spans, int margin) {
    int n = text.length();
    int[][] cuts = new int[spans.length][];
    for (int i = 0; i < spans.length; i++) {
      int start = (int) Math.max(0, (long) spans[i][0] - margin);
      int end = (int) Math.min(n, (long) spans[i][1] + margin);
      // Never split a surrogate pair: a cut ending or starting inside one takes all of it.
      if (start > 0 && Character.isLowSurrogate(text.charAt(start)) && Character.isHighSurrogate(text.charAt(start - 1))) {
        start--;
      }
      if (end > 0 && end < n && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      cuts[i] = new int[] {start, end};
    }
    Arrays.sort(cuts, (a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder();
    int from = 0;
    int i = 0;
    while (i < cuts.length) {
      int start = cuts[i][0];
      int end = cuts[i][1];
      for (i++; i < cuts.length && cuts[i][0] <= end; i++) {
        end = Math.max(end, cuts[i][1]);
      }
      append(out, text, from, start);
      from = Math.max(from, end);
    }
    append(out, text, from, n);
    return out.toString();
  }

  private static void append(StringBuilder out, String text, int from, int to) {
    if (from < to && !text.substring(from, to).isBlank()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(text, from, to);
    }
  }
}
