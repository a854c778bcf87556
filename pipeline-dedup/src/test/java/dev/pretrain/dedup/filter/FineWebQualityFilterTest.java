package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineWebQualityFilterTest {
  private final FineWebQualityFilter filter = new FineWebQualityFilter(ReferenceConf.curate().filter().finewebQuality());
  private final Texts texts = new Texts(7);

  private void assertDrop(String text, String rule, double value) {
    Verdict v = filter.apply(text);
    assertFalse(v.kept(), "expected a drop by " + rule);
    assertEquals(FineWebQualityFilter.NAME, v.filter());
    assertEquals(rule, v.rule());
    assertEquals(value, v.value(), 1e-9);
  }

  /** n distinct long lines (8 words, 47 chars), the first {@code ending} of them ending with ".". */
  private String lines(int n, int ending) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(texts.words(8) + (i < ending ? "." : ""));
    }
    return String.join("\n", lines);
  }

  @Test
  void moreThanTwelvePercentOfLinesMustEndInTerminalPunctuation() {
    assertDrop(lines(25, 3), "terminal-punctuation-lines", 0.12);
    assertTrue(filter.apply(lines(25, 4)).kept());
  }

  @Test
  void quotesAndExclamationsAreTerminalPunctuation() {
    assertTrue(filter.apply(texts.words(8) + "!\n" + texts.words(8) + "'\n" + texts.words(8) + "\"").kept());
  }

  @Test
  void fewerThanSixtySevenPercentShortLines() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      lines.add(texts.words(8) + ".");
    }
    for (int i = 0; i < 66; i++) {
      lines.add(texts.words(4) + "."); // 24 chars: short
    }
    List<String> kept = new ArrayList<>(lines);
    kept.add(texts.words(8) + ".");
    assertTrue(filter.apply(String.join("\n", kept)).kept(), "66 of 100 lines short");
    lines.add(texts.words(4) + ".");
    assertDrop(String.join("\n", lines), "short-lines", 0.67);
  }

  @Test
  void charsInRepeatedLinesStayUnderTenPercent() {
    // Three distinct 48-char lines and one repeat of the first: 48 / 192 = 0.25.
    String a = texts.words(8) + ".";
    String text = a + "\n" + texts.words(8) + ".\n" + texts.words(8) + ".\n" + a;
    assertDrop(text, "duplicate-line-chars", 48 / 192.0);
    // A 9-char line repeated among 90 chars without newlines: 0.1 is dropped (>=), 9 / 91 kept.
    String at = "abc defg.\n" + "x".repeat(35) + ".\n" + "y".repeat(35) + ".\nabc defg.";
    assertDrop(at, "duplicate-line-chars", 0.1);
    String under = "abc defg.\n" + "x".repeat(36) + ".\n" + "y".repeat(35) + ".\nabc defg.";
    assertTrue(filter.apply(under).kept());
  }

  /** n lines of two 15-letter words and a period (32 chars: not short): 3 tokens a line. */
  private String twoWordLines(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(texts.word(15) + " " + texts.word(15) + ".");
    }
    return String.join("\n", lines);
  }

  @Test
  void atMostThreeNewlinesPerTenWords() {
    assertTrue(filter.apply(twoWordLines(10)).kept(), "9 newlines / 30 tokens = 0.3 is allowed");
    assertDrop(twoWordLines(11), "newline-word-ratio", 10 / 33.0);
  }
}
