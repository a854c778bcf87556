package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.UdhrTexts;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language filter on the sample corpus's Universal Declaration of Human Rights in several
 * languages, the same expectations for each engine ({@link LangidLanguageFilterTest},
 * {@link LinguaLanguageFilterTest}).
 */
abstract class LanguageFilterContract {
  private static final List<String> AMONG = List.of("en", "fr", "de", "es", "ru");
  private static final Map<String, String> UDHR = new HashMap<>();

  @BeforeAll
  static void readUdhr() throws IOException {
    UdhrTexts.all().forEach((id, udhr) -> UDHR.put(id, udhr.text()));
  }

  abstract LanguageSettings.Engine engine();

  LanguageFilter filter(List<String> keep, double minConfidence) {
    LanguageSettings.Engine engine = engine();
    return new LanguageFilter(new LanguageSettings(true, engine, keep, minConfidence, AMONG, LanguageSettings.Accuracy.LOW, 2000));
  }

  /** The first n chars of an article, a stand-in for a web page in that language. */
  static String udhr(String id, int chars) {
    String text = UDHR.get(id);
    return text.substring(0, Math.min(chars, text.length()));
  }

  @Test
  void findsEachLanguageAndKeepsOnlyTheKeptOnes() {
    LanguageFilter english = filter(List.of("en"), 0.65);
    Map<String, String> expected = Map.of("udhr/eng", "en", "udhr/fra", "fr", "udhr/deu_1996", "de", "udhr/spa", "es",
        "udhr/rus", "ru");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      LanguageFilter.Identification id = english.identify(udhr(e.getKey(), 1500));
      assertEquals(e.getValue(), id.code(), e.getKey());
      // A kept document's confidence is a lower bound (detection stops once it is certain).
      assertTrue(id.kept() ? id.confidence() >= 0.65 : id.confidence() > 0.9, e.getKey() + " " + id);
      assertEquals(e.getValue().equals("en"), id.kept(), e.getKey());
    }
    Verdict french = english.apply(udhr("udhr/fra", 1500));
    assertFalse(french.kept());
    assertEquals("language/other-language", french.reason()); // stable: language and value in rule and value
    assertEquals("other-language:fr", french.rule());
    assertTrue(french.value() > 0.9, french.toString());
    assertTrue(filter(List.of("en", "fr"), 0.65).apply(udhr("udhr/fra", 1500)).kept());
  }

  @Test
  void keepsAtTheMinimumConfidenceAndDropsJustAboveIt() {
    // Half English, half French: the detector is unsure, so the threshold decides.
    String mixed = udhr("udhr/eng", 300) + "\n" + udhr("udhr/fra", 300);
    double confidence = filter(List.of("en"), 0).identify(mixed).confidence();
    assertTrue(confidence > 0.05 && confidence < 0.95, "not a mixed case: " + confidence);

    LanguageFilter.Identification at = filter(List.of("en"), confidence).identify(mixed);
    assertTrue(at.kept());
    assertEquals("en", at.code());
    LanguageFilter.Identification above = filter(List.of("en"), Math.nextUp(confidence)).identify(mixed);
    assertFalse(above.kept());
    Verdict v = filter(List.of("en"), Math.nextUp(confidence)).verdict(above);
    // The rule names the most likely language, English or French; the value is its confidence.
    assertTrue(v.rule().equals("min-confidence:en") && v.reason().equals("language/min-confidence")
        || v.rule().equals("other-language:fr") && v.reason().equals("language/other-language"), v.toString());
    assertTrue(v.value() > 0 && v.value() < 1, v.toString());
  }

  @Test
  void stopsDetectingOnceTheDocumentIsCertainlyKept() {
    String text = udhr("udhr/eng", 1600) + "\n" + udhr("udhr/fra", 400);
    // Measured over all chunks: a document that is not kept is examined to the end.
    LanguageFilter.Identification full = filter(List.of("fr"), 1.0).identify(text);
    assertEquals("en", full.code());
    assertTrue(full.confidence() > 0.75 && full.confidence() < 0.9, full.toString());
    // Kept: detection stopped when English had 65% of the chars and French could no longer win.
    LanguageFilter.Identification kept = filter(List.of("en"), 0.65).identify(text);
    assertTrue(kept.kept());
    assertEquals("en", kept.code());
    assertTrue(kept.confidence() >= 0.65 && kept.confidence() < full.confidence(), kept + " vs " + full);
    // Two kept languages: it stops only when the second cannot overtake the first either.
    LanguageFilter.Identification both = filter(List.of("en", "fr"), 0.65).identify(text);
    assertEquals("en", both.code());
    assertTrue(both.kept());
  }

  @Test
  void textWithoutLettersIsUnknownAndDropped() {
    LanguageFilter.Identification id = filter(List.of("en"), 0.65).identify("12345 67890 !!! ---");
    assertEquals(new LanguageFilter.Identification("unknown", 0, false), id);
    Verdict v = filter(List.of("en"), 0.65).verdict(id);
    assertEquals(List.of("language/other-language", "other-language:unknown", 0.0), List.of(v.reason(), v.rule(), v.value()));
  }

  @Test
  void examinesOnlyTheFirstMaxChars() {
    String text = udhr("udhr/fra", 400) + "\n" + UDHR.get("udhr/eng");
    LanguageSettings capped = new LanguageSettings(true, engine(), List.of("en"), 0.65, AMONG, LanguageSettings.Accuracy.LOW, 400);
    assertEquals("fr", new LanguageFilter(capped).identify(text).code());
    assertEquals("en", filter(List.of("en"), 0.65).identify(udhr("udhr/fra", 400) + "\n" + UDHR.get("udhr/eng")
        .repeat(3)).code());
  }
}
