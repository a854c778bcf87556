package dev.pretrain.dedup.clean;

/**
 * Normalizes whitespace: runs of spaces (and other space separators such as no-break space)
 * become one space, tabs are kept, trailing spaces and tabs at the end of a line go, at most
 * {@code maxBlankLines} blank lines stay between two lines of text, and the text is trimmed.
 */
public final class Whitespace implements Cleaner {
  private final int maxBlankLines;

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
    StringBuilder out = new StringBuilder(n);
    int pendingNewlines = 0;
    boolean pendingSpace = false;
    int i = 0;
    // Leading whitespace of the document is dropped.
    while (i < n && isBlank(text.charAt(i))) {
      i++;
    }
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        pendingNewlines++;
        pendingSpace = false;
        // Spaces at the end of the previous line are dropped.
        trimTrailing(out);
      } else if (isSpace(c)) {
        pendingSpace = true;
      } else {
        if (pendingNewlines > 0) {
          for (int keep = Math.min(pendingNewlines, maxBlankLines + 1); keep > 0; keep--) {
            out.append('\n');
          }
          pendingNewlines = 0;
          pendingSpace = false;
          // Indentation of the new line: spaces collapse to one.
          int j = i - 1;
          if (j >= 0 && isSpace(text.charAt(j)) && text.charAt(j) != '\n') {
            out.append(' ');
          }
        } else if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        // The run of chars up to the next space or newline goes in at once.
        int end = i + 1;
        while (end < n && !isSpaceOrNewline(text.charAt(end))) {
          end++;
        }
        out.append(text, i, end);
        i = end - 1;
      }
    }
    trimTrailing(out);
    String result = out.toString();
    counters.add("whitespace.removed-chars", n - result.length());
    return result;
  }

  private static void trimTrailing(StringBuilder out) {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
      end--;
    }
    out.setLength(end);
  }

  /** Space separators other than tab and newline, which collapse to one space. */
  private static boolean isSpace(char c) {
    if (c < 0x80) {
      return c == ' '; // the one ASCII space separator, without the table lookup
    }
    return Character.isSpaceChar(c);
  }

  private static boolean isSpaceOrNewline(char c) {
    return c == '\n' || isSpace(c);
  }

  private static boolean isBlank(char c) {
    return c == '\n' || c == '\t' || isSpace(c);
  }
}
