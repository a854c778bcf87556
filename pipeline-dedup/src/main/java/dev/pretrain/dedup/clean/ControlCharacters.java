package dev.pretrain.dedup.clean;

/**
 * Removes C0 and C1 control characters except tab and newline; a carriage return becomes a line
 * break ({@code \r\n} and a lone {@code \r} both become {@code \n}).
 */
public final class ControlCharacters implements Cleaner {
  @Override
  public String name() {
    return "control";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    int n = text.length();
    int first = 0;
    while (first < n && !isSpecial(text.charAt(first))) {
      first++;
    }
    if (first == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(text, 0, first);
    long removed = 0;
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (isSpecial(c)) {
        removed++;
      } else {
        out.append(c);
      }
    }
    counters.add("control.removed-chars", removed);
    return out.toString();
  }

  private static boolean isSpecial(char c) {
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
  }
}
