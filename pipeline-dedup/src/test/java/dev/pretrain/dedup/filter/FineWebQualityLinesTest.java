package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.RandomTexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link FineWebQualityFilter}'s line values, now read from char ranges, against the code they
 * replaced: the lines as Strings (split on "\n"), non-blank ones in a HashSet.
 */
class FineWebQualityLinesTest {
  /** Thresholds that pass every text, so that every value is measured. */
  private static final FineWebQualitySettings PASS = new FineWebQualitySettings(true, -1, 2, 3, 2, 1e9, ".!?\u3002");

  private static double[] measured(String text) {
    double[] values = new double[4];
    Arrays.fill(values, Double.NaN);
    StepDocument step = new StepDocument(text);
    step.recordMeasures(values, Map.of(FineWebQualityFilter.NAME, 0));
    new FineWebQualityFilter(PASS).apply(new DocumentText(text), PASS, step.measures(FineWebQualityFilter.NAME));
    return values;
  }

  private static double[] reference(String text) {
    List<String> lines = Arrays.asList(text.split("\n", -1));
    int terminal = 0;
    int shortLines = 0;
    List<String> nonEmpty = new ArrayList<>();
    for (String line : lines) {
      if (!line.isEmpty() && PASS.terminalPunctuation().indexOf(line.charAt(line.length() - 1)) >= 0) {
        terminal++;
      }
      if (line.length() <= PASS.shortLineLength()) {
        shortLines++;
      }
      if (!line.isBlank()) {
        nonEmpty.add(line);
      }
    }
    Set<String> seen = new HashSet<>();
    long repeated = 0;
    for (String line : nonEmpty) {
      if (!seen.add(line)) {
        repeated += line.length();
      }
    }
    int newlines = lines.size() - 1;
    int withoutNewlines = text.length() - newlines;
    int words = WordTokens.split(text).size();
    return new double[] {(double) terminal / lines.size(), (double) shortLines / lines.size(),
        withoutNewlines == 0 ? 0 : (double) repeated / withoutNewlines, (double) newlines / Math.max(1, words)};
  }

  @Test
  void valuesMatchTheStringLines() {
    for (String text : List.of("", "\n", "\n\n", "a", "a.\n", " \n \n", "ab\nab\nab", "x\u3002\r\nx\u3002\r\n")) {
      assertArrayEquals(reference(text), measured(text), text);
    }
    Random random = new Random(13);
    String[] pieces = {"a", "ab", "abcd", ".", "!", "\u3002", " ", "\t", "\u2003", "\u00a0", "\n", "\n", "\r", "\uD83D\uDE00"};
    for (int t = 0; t < 20_000; t++) {
      String text = RandomTexts.of(random, pieces, 20);
      assertArrayEquals(reference(text), measured(text), text);
    }
  }
}
