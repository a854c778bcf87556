package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.dedup.testing.RandomTexts;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lorem-ipsum count found without lowering the text, against the lowered text's count. */
class C4PageLoremTest {
  private static int reference(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int n = 0;
    for (int at = lower.indexOf("lorem ipsum"); at >= 0; at = lower.indexOf("lorem ipsum", at + 11)) {
      n++;
    }
    return n;
  }

  @Test
  void everyCharInPlaceOfOneOfThePhrase() {
    String phrase = "Lorem Ipsum";
    for (int at = 0; at < phrase.length(); at++) {
      for (int c = 0; c < 0x10000; c++) {
        String text = "x " + phrase.substring(0, at) + (char) c + phrase.substring(at + 1) + " lorem ipsum";
        assertEquals(reference(text), C4PageFilter.occurrencesIgnoringCase(text.toCharArray(), "lorem ipsum"),
            "U+" + Integer.toHexString(c) + " at " + at);
      }
    }
  }

  @Test
  void randomTexts() {
    Random random = new Random(5);
    String[] pieces = {"lorem", "LOREM", "Lorem", " ", "ipsum", "IPSUM", "\u0130", "\u212A", "lorem ipsum", "\uD801\uDC00",
        "l", "m", "\u00a0"};
    for (int t = 0; t < 20_000; t++) {
      String text = RandomTexts.of(random, pieces, 12);
      assertEquals(reference(text), C4PageFilter.occurrencesIgnoringCase(text.toCharArray(), "lorem ipsum"), text);
    }
  }
}
