package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.pretrain.dedup.testing.RandomTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GopherQualityFilter#bulletAndEllipsisLines} from char ranges against the code it replaced:
 * the lines as Strings (the former {@code Lines.of}), stripped, then tested.
 */
class GopherQualityLinesTest {
  /** The former Lines.of: Python's str.splitlines() on \n, \r\n and \r. */
  private static List<String> lines(String text) {
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
    return out;
  }

  private static int[] reference(String text) {
    int bullets = 0;
    int ellipses = 0;
    List<String> lines = lines(text);
    for (String line : lines) {
      String lead = line.stripLeading();
      if (lead.startsWith("\u2022") || lead.startsWith("-")) {
        bullets++;
      }
      String trail = line.stripTrailing();
      if (trail.endsWith("...") || trail.endsWith("\u2026")) {
        ellipses++;
      }
    }
    return new int[] {lines.size(), bullets, ellipses};
  }

  @Test
  void edgeCases() {
    for (String text : List.of("", "\n", "\r\n", "\r", "\n\r", "a\r\n\r\nb", "...", "..", ". ..", " - x ...\t", "\u2022",
        "\u2003\u2022 x\u2026\u2003", "x...\r\ny\u2026\r", "-\n-\n", "\u00a0- nbsp is not stripped", "....", "a\n...\n \n")) {
      assertArrayEquals(reference(text), GopherQualityFilter.bulletAndEllipsisLines(text.toCharArray()), text);
    }
  }

  @Test
  void randomTexts() {
    Random random = new Random(9);
    String[] pieces = {"-", "\u2022", ".", "..", "...", "\u2026", " ", "\t", "\u2003", "\u00a0", "\n", "\r", "\r\n", "x",
        "\uD83D\uDE00", "\u001c"};
    for (int t = 0; t < 20_000; t++) {
      String text = RandomTexts.of(random, pieces, 20);
      assertArrayEquals(reference(text), GopherQualityFilter.bulletAndEllipsisLines(text.toCharArray()), text);
    }
  }
}
