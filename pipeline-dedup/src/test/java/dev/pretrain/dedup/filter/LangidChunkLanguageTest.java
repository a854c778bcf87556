package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.carrotsearch.labs.langid.DetectedLanguage;
import com.carrotsearch.labs.langid.LangIdV3;
import com.carrotsearch.labs.langid.Model;
import dev.pretrain.dedup.testing.RandomTexts;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LangidChunkLanguage#detect} against the library's own encoding of the same text. */
class LangidChunkLanguageTest {
  private final LangidChunkLanguage langid = new LangidChunkLanguage(
      new LanguageSettings(true, LanguageSettings.Engine.LANGID, List.of("en"), 0.65, List.of(),
          LanguageSettings.Accuracy.LOW, 1000));
  /** The library's own encoding: the reference (the same default model, all languages). */
  private final LangIdV3 library = new LangIdV3(Model.defaultModel());

  private void assertSameAsLibrary(String text) {
    DetectedLanguage ours = langid.detect(text);
    String code = ours.getLangCode();
    double confidence = ours.getConfidence();
    DetectedLanguage library = this.library.classify(text, false);
    assertEquals(library.getLangCode(), code, text.length() + " chars");
    assertEquals(Double.doubleToLongBits(library.getConfidence()), Double.doubleToLongBits(confidence), text.length() + " chars");
  }

  @Test
  void shortAndMalformedTexts() {
    for (String text : List.of("", "a", "The quick brown fox.", "Der schnelle braune Fuchs springt über den Hund.",
        "\u4e2d\u6587\u6587\u672c", "\uD83D\uDE00 smile", "lone \uD800 high", "lone \uDC00 low", "end \uD800",
        "\uDC00\uD800 swapped", "\uD800\uD800\uDC00 high then pair", "caf\u00e9 na\u00efve \u0939\u093f\u0928\u094d\u0926\u0940")) {
      assertSameAsLibrary(text);
    }
  }

  @Test
  void textsLongerThanTheLibrarysBufferSplitWhereItSplits() {
    // 4096-byte segments: a 2-, 3- or 4-byte char or a malformed surrogate at or across each boundary.
    String[] tails = {"\u00e9", "\u4e2d", "\uD83D\uDE00", "\uD800", "\uDC00", "a"};
    for (int pad = 4090; pad <= 4100; pad++) {
      for (String tail : tails) {
        for (String after : tails) {
          String text = "x".repeat(pad) + tail + after + " and some English words after it";
          assertSameAsLibrary(text);
          assertSameAsLibrary("Une phrase fran\u00e7aise. ".repeat(pad / 24) + tail + after + "y".repeat(50));
        }
      }
    }
  }

  @Test
  void randomMixedTexts() {
    Random random = new Random(11);
    String[] pieces = {"the ", "und ", "\u00e9t\u00e9 ", "\u4e2d\u6587", "\u0e44\u0e17\u0e22", "\uD83D\uDE00", "\uD800",
        "\uDC00", "\u0416\u0438\u0437\u043d\u044c ", "\n", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 "};
    for (int t = 0; t < 300; t++) {
      assertSameAsLibrary(RandomTexts.of(random, pieces, 3000));
    }
  }
}
