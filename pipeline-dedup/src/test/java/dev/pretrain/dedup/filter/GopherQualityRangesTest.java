package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.text.Punctuation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The word-based values of {@link GopherQualityFilter} (word count, mean length, share of words
 * with a letter, stop words), now read from word ranges, against the definition they replaced:
 * each word token as a String ({@link WordTokens#split}), stop words in a HashSet.
 */
class GopherQualityRangesTest {
  private static final List<String> STOP = List.of("the", "be", "to", "of", "and", "that", "have", "with", "Aa", "\u306e");
  /** Thresholds that pass every text, so that every value is measured. */
  private static final GopherQualitySettings PASS =
      new GopherQualitySettings(true, 0, Integer.MAX_VALUE, 0, 1000, 1000, 1, 1, 0, 0, STOP);

  private static double[] measured(String text, WordUnits units) {
    double[] values = new double[8];
    java.util.Arrays.fill(values, Double.NaN);
    StepDocument step = new StepDocument(text);
    step.recordMeasures(values, Map.of(GopherQualityFilter.NAME, 0));
    new GopherQualityFilter(PASS).apply(new DocumentText(text, units), PASS, step.measures(GopherQualityFilter.NAME));
    return values;
  }

  /** {words, mean length, alpha share, stop words} as the filter computed them from String tokens. */
  private static double[] reference(String text, WordUnits units) {
    List<String> words = WordTokens.split(text, units);
    Set<String> stop = new HashSet<>(STOP);
    int nonSymbol = 0;
    long chars = 0;
    int alpha = 0;
    int stops = 0;
    for (String w : words) {
      if (!Punctuation.isSymbolToken(w)) {
        nonSymbol++;
        chars += w.length();
      }
      if (w.chars().anyMatch(c -> Character.isLetter((char) c))) {
        alpha++;
      }
      if (stop.contains(w)) {
        stops++;
      }
    }
    return new double[] {nonSymbol, (double) chars / nonSymbol, (double) alpha / nonSymbol, stops};
  }

  @Test
  void valuesMatchTheStringTokensOnRandomTexts() {
    Random random = new Random(7);
    String[] pieces = {"the", "The", "of", "and", "andes", "Aa", "BB", " ", " ", "\n", "\r\n", "\t", ",", "...", "--",
        "\u2026", "don't", "U.S.", "#", "\u306e", "\u6f22\u5b57", "\u0e01\u0e34", "\uD83D\uDE00", "(x)", "\u00e9t\u00e9",
        "\u3001", "1999", "\u2003"};
    for (int t = 0; t < 2000; t++) {
      StringBuilder sb = new StringBuilder("word ");
      int parts = 1 + random.nextInt(40);
      for (int p = 0; p < parts; p++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      for (WordUnits units : WordUnits.values()) {
        double[] got = measured(text, units);
        double[] want = reference(text, units);
        assertArrayEquals(want, new double[] {got[0], got[1], got[6], got[7]}, text + " " + units);
        assertEquals(WordTokens.split(text, units).size(), new DocumentText(text, units).wordRanges().size());
      }
    }
  }
}
