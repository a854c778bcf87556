package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopherQualityFilterTest {
  private final GopherQualityFilter filter = new GopherQualityFilter(ReferenceConf.curate().filter().gopherQuality());

  /** "the and" plus fillers: n words in all, two stop words. */
  private static String words(int n, String filler) {
    StringBuilder sb = new StringBuilder("the and");
    for (int i = 2; i < n; i++) {
      sb.append(' ').append(filler);
    }
    return sb.toString();
  }

  private void assertDrops(String text, String rule, double value) {
    Verdict v = filter.apply(text);
    assertFalse(v.kept(), "expected a drop by " + rule);
    assertEquals(GopherQualityFilter.NAME, v.filter());
    assertEquals(rule, v.rule());
    assertEquals(value, v.value(), 1e-9);
  }

  private void assertKeeps(String text) {
    Verdict v = filter.apply(text);
    assertTrue(v.kept(), () -> "dropped: " + v.reason());
  }

  @Test
  void wordCountMustBeFromFiftyToOneHundredThousand() {
    assertDrops(words(49, "house"), "min-words", 49);
    assertKeeps(words(50, "house"));
    assertKeeps(words(100_000, "house"));
    assertDrops(words(100_001, "house"), "max-words", 100_001);
  }

  @Test
  void symbolTokensDoNotCountAsWords() {
    assertDrops(words(49, "house") + " , . ! ?", "min-words", 49);
  }

  @Test
  void meanWordLengthMustBeFromThreeToTen() {
    assertKeeps(words(50, "cat"));
    assertDrops(words(49, "cat") + " at", "min-mean-word-length", (3.0 * 49 + 2) / 50);
    assertKeeps(words(50, "abcdefghij"));
    assertDrops(words(50, "abcdefghijk"), "max-mean-word-length", (6 + 11.0 * 48) / 50);
  }

  @Test
  void atMostOneHashOrEllipsisPerTenWords() {
    String base = words(60, "house");
    assertKeeps(base + " #".repeat(6)); // 6 per 60 words
    assertDrops(base + " #".repeat(7), "hash-word-ratio", 7 / 60.0);
    assertKeeps("\u2026 ".repeat(6) + base);
    assertDrops("\u2026 ".repeat(3) + base + " ...".repeat(4), "ellipsis-word-ratio", 7 / 60.0);
  }

  private static String lines(int n, int marked, String prefix, String suffix) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean mark = i < marked;
      lines.add((mark ? prefix : "") + "the house and the garden are green" + (mark ? suffix : ""));
    }
    return String.join("\n", lines);
  }

  @Test
  void atMostNinetyPercentBulletLines() {
    assertKeeps(lines(10, 9, "\u2022 ", ""));
    assertDrops(lines(10, 10, "  - ", ""), "bullet-lines", 1.0);
  }

  @Test
  void atMostThirtyPercentLinesEndingWithAnEllipsis() {
    assertKeeps(lines(10, 3, "", "..."));
    assertDrops(lines(10, 4, "", " \u2026 "), "ellipsis-lines", 0.4);
  }

  @Test
  void atLeastEightyPercentWordsWithALetter() {
    assertKeeps(words(80, "house") + " 123".repeat(20));
    assertDrops(words(79, "house") + " 123".repeat(21), "alpha-words", 0.79);
  }

  @Test
  void punctuationTokensDoNotDiluteTheLetterShare() {
    // 50 words each followed by a comma: half the tokens have no letter, every word has one.
    assertKeeps(words(50, "house").replace(" ", " , "));
  }

  @Test
  void atLeastTwoStopWordsMatchedCaseSensitively() {
    assertKeeps("the with" + " house".repeat(60));
    assertDrops("the" + " house".repeat(60), "stop-words", 1);
    assertDrops("The AND" + " house".repeat(60), "stop-words", 0);
  }

  @Test
  void ordinaryProseIsKept() {
    assertKeeps("The history of the town goes back to the twelfth century, when a small market grew up "
        + "beside the river crossing. Merchants came to trade wool and grain, and the church that still "
        + "stands in the square was built with the money they gave. Over the following centuries the town "
        + "grew slowly, surviving fires, floods and a long decline of the wool trade, before the railway "
        + "brought new industry and visitors.");
  }
}
