package dev.pretrain.dedup.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.testing.UdhrTexts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizedWordsTest {

  private static List<String> words(String text) {
    NormalizedWords words = new NormalizedWords();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.scan(text); i++) {
      out.add(NormalizedWords.normalized(text, words.start(i), words.end(i)));
    }
    return out;
  }

  /** The oracle: the normalizer run on the whole text. Word by word must give the same words. */
  private static void assertSameWordsAsWholeText(String text) {
    assertEquals(DedupNormalizer.normalizeToString(text), String.join(" ", words(text)), text);
  }

  @Test
  void wordsAreThoseOfTheWholeTextsNormalizationInEveryLanguageOfTheUdhr() throws IOException {
    for (UdhrTexts.Udhr udhr : UdhrTexts.all().values()) {
      assertSameWordsAsWholeText(udhr.text());
    }
  }

  @Test
  void wordsAreThoseOfTheWholeTextsNormalizationWhereLengthsChange() {
    assertSameWordsAsWholeText("  H\u00e9llo,  WORLD!\n\tIt's 2024-01-05\u2026 and 3.14 ");
    assertSameWordsAsWholeText("... -- a1b2 \u00abquoted\u00bb \u201ctext\u201d a\u00a0b \ufb01ne \u0130stanbul \ud835\udc00X !!");
    assertSameWordsAsWholeText("");
    assertSameWordsAsWholeText(" . , ");
  }

  @Test
  void spansPointAtTheWordsInTheOriginalText() {
    // Hangul syllables decompose to two or three jamo each, "1,000" to one, "Café" loses its accent, "--" vanishes.
    String text = "Say \u201cCAF\u00c9!\u201d -- 1,000 \ud55c\uad6d\u00a0days.";
    NormalizedWords words = new NormalizedWords();
    assertEquals(5, words.scan(text));
    List<String> spans = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      spans.add(words.start(i) + ":" + text.substring(words.start(i), words.end(i)));
    }
    assertEquals(List.of("0:Say", "4:\u201cCAF\u00c9!\u201d", "15:1,000", "21:\ud55c\uad6d", "24:days."), spans);
  }

  @Test
  void ngramHashesDependOnWordsAfterNormalizationAndOnLength() {
    NormalizedWords a = new NormalizedWords();
    NormalizedWords b = new NormalizedWords();
    a.scan("The quick brown fox");
    b.scan("the  QUICK, brown... fox!");
    assertEquals(a.ngram(0, 4), b.ngram(0, 4));
    assertEquals(a.ngram(1, 2), b.ngram(1, 2));
    assertNotEquals(a.ngram(0, 3), b.ngram(0, 4));
    assertNotEquals(a.ngram(0, 2), a.ngram(1, 2));
  }
}
