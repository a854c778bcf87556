package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.classify.fasttext.FastTextModels;
import dev.pretrain.classify.fasttext.Prediction;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.UdhrTexts;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fasttext language engine with the fixtures Debian's fastText made from the sample's UDHR
 * texts (pipeline-classify's test resources): lid.176-style labels ({@code __label__fr}) and
 * GlotLID-style ones ({@code __label__fra_Latn}).
 */
class FastTextLanguageTest {
  private static final String FIXTURES = "../pipeline-classify/src/test/resources/fasttext/";
  static final String LID = FIXTURES + "lid-udhr.bin";
  static final String GLOTLID = FIXTURES + "glotlid-udhr.bin";
  private static Map<String, UdhrTexts.Udhr> udhr;

  @BeforeAll
  static void readUdhr() throws IOException {
    udhr = UdhrTexts.all();
  }

  private static String udhr(String id, int chars) {
    String text = udhr.get(id).text();
    return text.substring(0, Math.min(chars, text.length()));
  }

  private static LanguageFilter filter(String model, List<String> keep, double minConfidence) {
    return new LanguageFilter(new LanguageSettings(true, LanguageSettings.Engine.FASTTEXT, keep, minConfidence, List.of(),
        LanguageSettings.Accuracy.LOW, 1000, model));
  }

  /** The probability fastText gives a label for the first 1,000 chars as one line. */
  private static double fastText(String model, String text, String label) throws IOException {
    String line = text.substring(0, Math.min(1000, text.length())).replace('\n', ' ');
    return FastTextModels.load(model, new Configuration()).predict(line, -1, 0f).stream()
        .filter(p -> p.label().equals(label)).mapToDouble(Prediction::probability).findFirst().orElseThrow();
  }

  @Test
  void labelsNameTheLangColumnByIso6391WhereTheLanguageHasACode() {
    assertEquals("en", FastTextLanguageLabels.code("__label__en"));
    assertEquals("en", FastTextLanguageLabels.code("__label__eng_Latn"));
    assertEquals("de", FastTextLanguageLabels.code("__label__deu_Latn"));
    assertEquals("zh", FastTextLanguageLabels.code("__label__cmn_Hani"), "Mandarin stands for its macrolanguage");
    assertEquals("fa", FastTextLanguageLabels.code("__label__pes_Arab"));
    assertEquals("sr", FastTextLanguageLabels.code("__label__srp_Cyrl"));
    assertEquals("yue_Hani", FastTextLanguageLabels.code("__label__yue_Hani"), "no 639-1 code: 639-3 and script");
    assertEquals("yue", FastTextLanguageLabels.code("__label__yue"));
    assertEquals("ceb", FastTextLanguageLabels.code("__label__ceb"));
    assertEquals("zh", FastTextLanguageLabels.code("__label__zho"));
    assertEquals("als", FastTextLanguageLabels.code("__label__als"), "lid.176's als is Wikipedia's Alemannic");
    assertEquals("sq", FastTextLanguageLabels.code("__label__als_Latn"), "GlotLID's als is ISO's Tosk Albanian");
  }

  @Test
  void theConfidenceIsTheModelsProbabilityOfTheLanguage() throws IOException {
    String french = udhr("udhr/fra", 5000);
    LanguageFilter.Identification lid = filter(LID, List.of("fr"), 0.65).identify(french);
    assertEquals(new LanguageFilter.Identification("fr", Math.min(1, fastText(LID, french, "__label__fr")), true), lid);
    LanguageFilter.Identification glot = filter(GLOTLID, List.of("fr"), 0.65).identify(french);
    assertEquals(new LanguageFilter.Identification("fr", Math.min(1, fastText(GLOTLID, french, "__label__fra_Latn")),
        true), glot);
  }

  @Test
  void glotLidsMandarinIsKeptByZhAndALanguageWithoutIso6391ByItsOwnCode() {
    assertEquals("zh", filter(GLOTLID, List.of("zh"), 0.5).identify(udhr("udhr/cmn_hans", 1000)).code());
    LanguageFilter.Identification cantonese = filter(GLOTLID, List.of("yue_Hani"), 0.1).identify(udhr("udhr/yue", 1000));
    assertEquals("yue_Hani", cantonese.code());
    assertTrue(cantonese.kept());
  }

  @Test
  void aDropNamesTheLanguageFoundAndTheStepFillsLang() throws IOException {
    LanguageFilter english = filter(LID, List.of("en"), 0.65);
    StepDocument german = new StepDocument(udhr("udhr/deu_1996", 3000));
    Optional<Rejection> dropped = english.run(german);
    assertEquals("de", german.lang());
    assertEquals(new Rejection("filter", "language/other-language", "other-language:de",
        Math.min(1, fastText(LID, udhr("udhr/deu_1996", 3000), "__label__de"))), dropped.orElseThrow());
  }

  @Test
  void theStartCheckNamesKeptCodesTheModelLacksAndAModelItCannotRead() {
    LanguageSettings lacking = new LanguageSettings(true, LanguageSettings.Engine.FASTTEXT, List.of("en", "lb"), 0.65,
        List.of(), LanguageSettings.Accuracy.LOW, 1000, LID);
    String message = assertThrows(ConfigError.class, () -> LanguageFilter.check(lacking, new Configuration())).getMessage();
    assertTrue(message.contains("'curate.filter.language.keep' names [lb], which " + LID + " does not identify;"
        + " its languages: am, ar, bg, bn"), message);
    LanguageSettings missing = new LanguageSettings(true, LanguageSettings.Engine.FASTTEXT, List.of("en"), 0.65,
        List.of(), LanguageSettings.Accuracy.LOW, 1000, FIXTURES + "lid.176.bin");
    message = assertThrows(ConfigError.class, () -> LanguageFilter.check(missing, new Configuration())).getMessage();
    assertTrue(message.contains("'curate.filter.language.model' cannot be used: no fastText model at " + FIXTURES
        + "lid.176.bin"), message);
    LanguageFilter.check(new LanguageSettings(true, LanguageSettings.Engine.FASTTEXT, List.of("en", "zh", "yue_Hani"),
        0.65, List.of(), LanguageSettings.Accuracy.LOW, 1000, GLOTLID), new Configuration());
  }
}
