package dev.pretrain.dedup.clean;

/**
 * Normalizes whitespace: runs of spaces (and other space separators such as no-break space)
 * become one space, tabs are kept, trailing spaces and tabs at the end of a line go, at most
 * {@code maxBlankLines} blank lines stay between two lines of text, and the text is trimmed.
 *
 * <p>An instance reuses its buffers and is not thread-safe: one per task, as the job's steps are.
 */
public final class Whitespace implements Cleaner {
  private final int maxBlankLines;
  /** The text's chars and the result's, grown to the longest text (an instance serves one task). */
  private char[] in = new char[1 << 12];
  private char[] out = new char[1 << 12];

  public Whitespace(int maxBlankLines) {
    if (maxBlankLines < 0) {
      throw new IllegalArgumentException("maxBlankLines must be >= 0, got " + maxBlankLines);
    }
    this.maxBlankLines = maxBlankLines;
  }

  @Override
  public String name() {
    return "whitespace";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    int n = text.length();
    // Plain char arrays in and out, reused (the output is never longer than the input): a
    // StringBuilder checked its coder and capacity on every char appended.
    if (in.length < n) {
      in = new char[Math.max(n, in.length * 2)];
      out = new char[in.length];
    }
    char[] in = this.in;
    char[] out = this.out;
    text.getChars(0, n, in, 0);
    int len = 0;
    int pendingNewlines = 0;
    boolean pendingSpace = false;
    int i = 0;
    // Leading whitespace of the document is dropped.
    while (i < n && isBlank(in[i])) {
      i++;
    }
    for (; i < n; i++) {
      char c = in[i];
      if (c == '\n') {
        pendingNewlines++;
        pendingSpace = false;
        // Spaces at the end of the previous line are dropped.
        len = trimTrailing(out, len);
      } else if (isSpace(c)) {
        pendingSpace = true;
      } else {
        if (pendingNewlines > 0) {
          for (int keep = Math.min(pendingNewlines, maxBlankLines + 1); keep > 0; keep--) {
            out[len++] = '\n';
          }
          pendingNewlines = 0;
          pendingSpace = false;
          // Indentation of the new line: spaces collapse to one.
          int j = i - 1;
          if (j >= 0 && isSpace(in[j]) && in[j] != '\n') {
            out[len++] = ' ';
          }
        } else if (pendingSpace) {
          out[len++] = ' ';
          pendingSpace = false;
        }
        out[len++] = c;
      }
    }
    len = trimTrailing(out, len);
    String result = new String(out, 0, len);
    counters.add("whitespace.removed-chars", n - result.length());
    return result;
  }

  private static int trimTrailing(char[] out, int len) {
    while (len > 0 && (out[len - 1] == ' ' || out[len - 1] == '\t')) {
      len--;
    }
    return len;
  }

  /** Space separators other than tab and newline, which collapse to one space. */
  private static boolean isSpace(char c) {
    if (c < 0x80) {
      return c == ' '; // the one ASCII space separator, without the table lookup
    }
    return Character.isSpaceChar(c);
  }

  private static boolean isBlank(char c) {
    return c == '\n' || c == '\t' || isSpace(c);
  }
}
