package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinesTest {
  @Test
  void splitOnNewlineRunsMatchesTheRegexSplit() {
    assertEquals(List.of("a", "b\nc", ""), Lines.splitOnNewlineRuns("a\n\n\nb\nc\n\n", 2));
    assertEquals(List.of("", "a", "b", ""), Lines.splitOnNewlineRuns("\na\n\nb\n", 1));
    assertEquals(List.of(""), Lines.splitOnNewlineRuns("", 2));
    Random random = new Random(11);
    char[] alphabet = {'a', 'b', '\n', '\n', ' '};
    for (int t = 0; t < 2_000; t++) {
      char[] chars = new char[random.nextInt(12)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String text = new String(chars);
      for (int minRun = 1; minRun <= 3; minRun++) {
        assertEquals(Arrays.asList(text.split("\n{" + minRun + ",}", -1)), Lines.splitOnNewlineRuns(text, minRun),
            text.replace("\n", "\\n") + " minRun " + minRun);
      }
    }
  }
}
