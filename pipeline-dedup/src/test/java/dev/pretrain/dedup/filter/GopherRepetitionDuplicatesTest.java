package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link GopherRepetitionFilter#duplicates} from char ranges against the definition it replaced:
 * the pieces as Strings (the regex split on runs of 2 or more newlines of the stripped text for
 * paragraphs, on runs of 1 or more of the text for lines) in a HashSet.
 */
class GopherRepetitionDuplicatesTest {
  /** The filter's former code, kept here as the reference. */
  private static long[] reference(List<String> elements) {
    Set<String> seen = new HashSet<>();
    long count = 0;
    long chars = 0;
    for (String e : elements) {
      if (!seen.add(e)) {
        count++;
        chars += e.length();
      }
    }
    return new long[] {count, chars, elements.size()};
  }

  private static List<String> split(String text, int minRun) {
    return Arrays.asList(text.split("\n{" + minRun + ",}", -1));
  }

  private static void assertSameAsReference(String text) {
    char[] chars = text.toCharArray();
    RepeatedRanges seen = new RepeatedRanges();
    String stripped = text.strip();
    int from = text.length() - text.stripLeading().length();
    assertArrayEquals(reference(split(stripped, 2)),
        GopherRepetitionFilter.duplicates(chars, from, from + stripped.length(), 2, seen), "paragraphs of " + text);
    assertArrayEquals(reference(split(text, 1)),
        GopherRepetitionFilter.duplicates(chars, 0, chars.length, 1, seen), "lines of " + text);
  }

  @Test
  void edgeCases() {
    for (String text : List.of("", "\n", "\n\n", "\n\n\n", " \n \n ", "a", "a\n", "a\n\n", "\na", "\n\na\n\n",
        "a\na", "a\n\na", "a\n\n\na\n\n\n\na", "a\r\na\r\n", "a\r\n\r\na\r\n\r\n", "\t a \n\n a \t",
        "\uD83D\uDE00\n\uD83D\uDE00\n\n\uD83D\uDE00", "\u2003x\n\nx\u2003", "x\n\n\n")) {
      assertSameAsReference(text);
    }
  }

  @Test
  void randomTextsWithManyRepeats() {
    Random random = new Random(19);
    String[] pieces = {"a", "b", "ab", "", " ", "\t", "\r", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\u2003", "x y"};
    for (int t = 0; t < 3000; t++) {
      StringBuilder sb = new StringBuilder();
      int parts = random.nextInt(30);
      for (int p = 0; p < parts; p++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
        if (random.nextInt(3) == 0) {
          sb.append("\n".repeat(random.nextInt(4)));
        }
      }
      assertSameAsReference(sb.toString());
    }
  }
}
