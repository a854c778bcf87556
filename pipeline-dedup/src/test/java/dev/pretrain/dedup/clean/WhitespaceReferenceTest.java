package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.dedup.testing.RandomTexts;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Whitespace} (runs of plain chars copied at once) against its former char-by-char code. */
class WhitespaceReferenceTest {
  /** The former Whitespace.apply, kept as the reference. */
  private static String reference(String text, int maxBlankLines) {
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    int pendingNewlines = 0;
    boolean pendingSpace = false;
    int i = 0;
    while (i < n && (text.charAt(i) == '\n' || text.charAt(i) == '\t' || isSpace(text.charAt(i)))) {
      i++;
    }
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        pendingNewlines++;
        pendingSpace = false;
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
          int j = i - 1;
          if (j >= 0 && isSpace(text.charAt(j)) && text.charAt(j) != '\n') {
            out.append(' ');
          }
        } else if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    trimTrailing(out);
    return out.toString();
  }

  private static void trimTrailing(StringBuilder out) {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
      end--;
    }
    out.setLength(end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || (c != '\t' && c != '\n' && Character.isSpaceChar(c));
  }

  @Test
  void sameTextAndCountAsTheReference() {
    Random random = new Random(3);
    String[] pieces = {" ", "  ", "\t", "\n", "\n\n\n", "\r", "\r\n", "\u00a0", "\u2003", "\u3000", "\u2028", "a", "bc",
        "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uD800", "x y", "\u000b", "\u001c"};
    for (int t = 0; t < 20_000; t++) {
      String text = RandomTexts.of(random, pieces, 25);
      int maxBlankLines = random.nextInt(4);
      CleanCounters counters = new CleanCounters();
      String expected = reference(text, maxBlankLines);
      assertEquals(expected, new Whitespace(maxBlankLines).apply(text, counters), text);
      assertEquals(text.length() - expected.length(), counters.get("whitespace.removed-chars"));
    }
  }

  @Test
  void everyCharBetweenWords() {
    Whitespace whitespace = new Whitespace(1);
    for (int c = 0; c < 0x10000; c++) {
      String text = " a" + (char) c + "b \n" + (char) c + "\n\n\nc" + (char) c;
      assertEquals(reference(text, 1), whitespace.apply(text, new CleanCounters()), "U+" + Integer.toHexString(c));
    }
  }
}
