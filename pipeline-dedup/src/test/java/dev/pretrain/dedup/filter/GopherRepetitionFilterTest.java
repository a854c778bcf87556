package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopherRepetitionFilterTest {
  private static final List<Double> OFF3 = Collections.nCopies(3, 1.0);
  private static final List<Double> OFF6 = Collections.nCopies(6, 1.0);
  private static final GopherRepetitionFilter DEFAULTS =
      new GopherRepetitionFilter(ReferenceConf.curate().filter().gopherRepetition());

  private static Verdict apply(GopherRepetitionSettings s, String text) {
    return new GopherRepetitionFilter(s).apply(text);
  }

  private static void assertDrop(Verdict v, String rule, double value) {
    assertFalse(v.kept(), "expected a drop by " + rule);
    assertEquals(rule, v.rule());
    assertEquals(value, v.value(), 1e-9);
  }

  @Test
  void distinctProseIsKeptWithPublishedThresholds() {
    Texts t = new Texts(1);
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < 5; p++) {
      sb.append(t.words(12)).append('\n').append(t.words(12)).append("\n\n");
    }
    assertTrue(DEFAULTS.apply(sb.toString()).kept());
  }

  @Test
  void duplicateLineFractionIsAtMostThirtyPercent() {
    Texts t = new Texts(2);
    // Long distinct lines and a short repeated one, so only the line-count rule is near its limit.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lines.add(t.words(20));
    }
    for (int i = 0; i < 4; i++) {
      lines.add("ok");
    }
    assertTrue(DEFAULTS.apply(String.join("\n", lines)).kept(), "3 of 10 lines repeat: 0.30 is allowed");
    lines.add("ok");
    assertDrop(DEFAULTS.apply(String.join("\n", lines)), "dup-line-frac", 4 / 11.0);
  }

  @Test
  void duplicateParagraphFractionIsAtMostThirtyPercent() {
    Texts t = new Texts(3);
    List<String> paras = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      paras.add(t.words(20));
    }
    for (int i = 0; i < 4; i++) {
      paras.add("ok");
    }
    assertTrue(DEFAULTS.apply(String.join("\n\n", paras)).kept());
    paras.add("ok");
    assertDrop(DEFAULTS.apply(String.join("\n\n", paras)), "dup-para-frac", 4 / 11.0);
  }

  @Test
  void charsInDuplicateLinesAreAtMostTwentyPercent() {
    GopherRepetitionSettings only = new GopherRepetitionSettings(true, 1, 1, 0.20, 1, OFF3, OFF6);
    String dup = "cccccccccc";
    // 10 repeated chars in a 50-char text: exactly 0.20, kept; in a 49-char text: dropped.
    String atLimit = "a".repeat(14) + "\n" + "b".repeat(13) + "\n" + dup + "\n" + dup;
    assertEquals(50, atLimit.length());
    assertTrue(apply(only, atLimit).kept());
    String over = "a".repeat(13) + "\n" + "b".repeat(13) + "\n" + dup + "\n" + dup;
    assertDrop(apply(only, over), "dup-line-char-frac", 10 / 49.0);
  }

  @Test
  void charsInDuplicateParagraphsAreAtMostTwentyPercent() {
    GopherRepetitionSettings only = new GopherRepetitionSettings(true, 1, 1, 1, 0.20, OFF3, OFF6);
    String dup = "cccccccccc";
    String atLimit = "a".repeat(12) + "\n\n" + "b".repeat(12) + "\n\n" + dup + "\n\n" + dup;
    assertEquals(50, atLimit.length());
    assertTrue(apply(only, atLimit).kept());
    String over = "a".repeat(11) + "\n\n" + "b".repeat(12) + "\n\n" + dup + "\n\n" + dup;
    assertDrop(apply(only, over), "dup-para-char-frac", 10 / 49.0);
  }

  @Test
  void topTwoGramCoversAtMostTwentyPercentOfChars() {
    GopherRepetitionSettings only = new GopherRepetitionSettings(true, 1, 1, 1, 1, List.of(0.20, 1.0, 1.0), OFF6);
    // "ab cd" twice: 2 x 5 chars; exactly 0.20 of a 50-char text.
    String atLimit = "ab cd ab cd " + "x".repeat(38);
    assertEquals(50, atLimit.length());
    assertTrue(apply(only, atLimit).kept());
    assertDrop(apply(only, "ab cd ab cd " + "x".repeat(37)), "top-2-gram-char-frac", 10 / 49.0);
  }

  @Test
  void topFourGramThresholdIsSixteenPercent() {
    GopherRepetitionSettings only = new GopherRepetitionSettings(true, 1, 1, 1, 1, List.of(1.0, 1.0, 0.16), OFF6);
    // "ab cd ef gh" (11 chars) twice = 22 chars; 22 / 0.16 = 137.5.
    String base = "ab cd ef gh ab cd ef gh ";
    assertTrue(apply(only, base + "x".repeat(138 - base.length())).kept());
    assertDrop(apply(only, base + "x".repeat(137 - base.length())), "top-4-gram-char-frac", 22 / 137.0);
  }

  @Test
  void duplicatedFiveGramsCountOverlappingRepeatsOnce() {
    GopherRepetitionSettings only =
        new GopherRepetitionSettings(true, 1, 1, 1, 1, OFF3, List.of(0.15, 1.0, 1.0, 1.0, 1.0, 1.0));
    String gram = "aa bb cc dd ee ";
    // Second copy: 10 word chars (spaces not counted) over 67 chars = 0.149, kept; over 66, dropped.
    assertTrue(apply(only, gram + gram + "x".repeat(37)).kept());
    assertDrop(apply(only, gram + gram + "x".repeat(36)), "dup-5-gram-char-frac", 10 / 66.0);
    // Three copies: the scan jumps past a repeat, so 20 chars count, not the 60 of every overlap.
    GopherRepetitionFilter.WordIds words = GopherRepetitionFilter.WordIds.of(new DocumentText(gram.repeat(3)));
    assertEquals(20, GopherRepetitionFilter.duplicatedNGramChars(words, 5));
  }

  @Test
  void duplicatedTenGramThresholdIsTenPercent() {
    GopherRepetitionSettings only =
        new GopherRepetitionSettings(true, 1, 1, 1, 1, OFF3, List.of(1.0, 1.0, 1.0, 1.0, 1.0, 0.10));
    String gram = "aa bb cc dd ee ff gg hh ii jj ";
    // 20 repeated chars: 0.10 of 200 chars is kept, of 199 dropped.
    String two = gram + gram;
    assertTrue(apply(only, two + "x".repeat(200 - two.length())).kept());
    assertDrop(apply(only, two + "x".repeat(199 - two.length())), "dup-10-gram-char-frac", 20 / 199.0);
  }

  @Test
  void emptyTextIsLeftToTheOtherFilters() {
    assertTrue(DEFAULTS.apply("").kept());
  }

  @Test
  void rollingNGramKeysEqualTheirDefinition() {
    GopherRepetitionFilter.WordIds words =
        GopherRepetitionFilter.WordIds.of(new DocumentText("the cat sat on the mat and the cat sat on a hat again"));
    for (int n : new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 3, 5, 4}) {
      long[] keys = words.keys(n);
      for (int i = 0; i + n <= words.size(); i++) {
        assertEquals(words.key(i, n), keys[i], "n=" + n + " i=" + i);
      }
    }
  }
}
