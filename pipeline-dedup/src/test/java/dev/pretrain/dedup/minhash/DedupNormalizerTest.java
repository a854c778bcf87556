package dev.pretrain.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DedupNormalizerTest {
  private static String norm(String s) {
    return DedupNormalizer.normalizeToString(s);
  }

  @Test
  void lowercasesFoldsDigitRunsStripsPunctuationAndCollapsesWhitespace() {
    assertEquals("hello world its 0 and 0", norm("  H\u00e9llo,  WORLD!\n\tIt's 2024-01-05\u2026 and 3.14 "));
  }

  @Test
  void removesAccentsByDecomposition() {
    assertEquals("naive cafe uber ole", norm("Na\u00efve CAF\u00c9 \u00fcber \u00d3le\u0301"));
  }

  @Test
  void unicodePunctuationAndNoBreakSpacesCount() {
    assertEquals("quoted text a b", norm("\u00abquoted\u00bb \u201ctext\u201d a\u00a0b"));
  }

  @Test
  void keepsLettersOfOtherScriptsAndCharactersOutsideTheBmp() {
    assertEquals("\u043f\u0440\u0438\u0432\u0435\u0442 \u4e16\u754c \ud835\udc00x", norm("\u041f\u0420\u0418\u0412\u0415\u0422 \u4e16\u754c \ud835\udc00X"));
  }

  @Test
  void emptyAndPunctuationOnlyTextNormalizeToNothing() {
    assertEquals("", norm(""));
    assertEquals("", norm(" ... !!! \n "));
  }

  @Test
  void reusedNormalizerGrowsItsBuffer() {
    DedupNormalizer n = new DedupNormalizer();
    String big = "word ".repeat(5000);
    int len = n.normalize(big);
    assertEquals(big.strip(), new String(n.buffer(), 0, len));
    assertEquals(1, n.normalize("a"));
  }
}
