package dev.pretrain.dedup.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A document's lines, split the way the filters' references split them. */
final class Lines {
  private final List<String> lines;

  private Lines(List<String> lines) {
    this.lines = lines;
  }

  /**
   * Python's {@code str.splitlines()} on \n, \r\n and \r: no trailing empty line after a final
   * newline, and an empty text has no lines (callers get a share of 0 then).
   */
  static Lines of(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      out.add(text.substring(start));
    }
    return new Lines(out);
  }

  /** Python's {@code str.split("\n")}: every piece, including empty ones at either end. */
  static List<String> splitOnNewline(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      out.add(text.substring(start, i));
      start = i + 1;
    }
    out.add(text.substring(start));
    return out;
  }

  /**
   * {@code text.split("\n{minRun,}", -1)} without a regex: the pieces between runs of at least
   * {@code minRun} newlines (a shorter run stays inside its piece), empty ones included.
   */
  static List<String> splitOnNewlineRuns(String text, int minRun) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    int i = text.indexOf('\n');
    while (i >= 0) {
      int end = i;
      while (end < n && text.charAt(end) == '\n') {
        end++;
      }
      if (end - i >= minRun) {
        out.add(text.substring(start, i));
        start = end;
      }
      i = end < n ? text.indexOf('\n', end) : -1;
    }
    out.add(text.substring(start));
    return out;
  }

  double share(Predicate<String> test) {
    if (lines.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (String line : lines) {
      if (test.test(line)) {
        n++;
      }
    }
    return (double) n / lines.size();
  }
}
