package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The language-dependent filters as steps: each document by the settings of the language found before them. */
class PerLanguageFiltersTest {
  private static final ByLanguageSettings DEFAULTS = ReferenceConf.curate().filter().byLanguage();
  private final Texts texts = new Texts(11);

  private static StepDocument in(String language, String text) {
    StepDocument document = new StepDocument(text);
    document.setLang(language);
    return document;
  }

  /** 60 distinct words and two English stop words, in one line ending with a period. */
  private String englishish() {
    return "the and " + texts.words(58) + ".";
  }

  /** The first ideograph of {@link #han}: none of the Chinese stop words is among the next thousand. */
  private static final int FIRST = 0x6A00;

  /** {@code lines} lines of {@code length} distinct CJK ideographs each, ending with {@code end}. */
  private static String han(int lines, int length, String end) {
    List<String> out = new ArrayList<>();
    int c = FIRST;
    for (int i = 0; i < lines; i++) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < length; j++) {
        line.appendCodePoint(c++);
      }
      out.add(line + end);
    }
    return String.join("\n", out);
  }

  @Test
  void aDropNamesTheLanguageWhoseSettingsDecidedItAndKeepsItsReason() {
    GopherQualityFilter filter = new GopherQualityFilter(DEFAULTS);
    String short10 = texts.words(10);
    assertEquals(Optional.of(new Rejection("filter", "gopher-quality/min-words", "min-words:fr", 10.0)),
        filter.run(in("fr", short10)));
    // Language identification off: the rule as it always was.
    assertEquals(Optional.of(new Rejection("filter", "gopher-quality/min-words", "min-words", 10.0)),
        filter.run(in(null, short10)));
  }

  @Test
  void aLanguageWithoutStopWordsSkipsTheRuleAndCountsIt() {
    GopherQualityFilter filter = new GopherQualityFilter(DEFAULTS);
    String text = texts.words(60) + ".";
    StepDocument swahili = in("sw", text);
    assertEquals(Optional.empty(), filter.run(swahili));
    assertEquals(1, swahili.counters().get("gopher-quality.stop-words-skipped.sw"));
    // English has Gopher's list, French its own: neither finds two stop words here.
    assertEquals(Optional.of(new Rejection("filter", "gopher-quality/stop-words", "stop-words:en", 0.0)),
        filter.run(in("en", text)));
    assertEquals(Optional.of(new Rejection("filter", "gopher-quality/stop-words", "stop-words:fr", 0.0)),
        filter.run(in("fr", text)));
    // A document dropped before the rule did not skip it.
    StepDocument tooShort = in("sw", texts.words(10));
    filter.run(tooShort);
    assertEquals(0, tooShort.counters().get("gopher-quality.stop-words-skipped.sw"));
  }

  @Test
  void theEnglishListCountsInEnglishOnly() {
    GopherQualityFilter filter = new GopherQualityFilter(DEFAULTS);
    assertEquals(Optional.empty(), filter.run(in("en", englishish())));
    assertEquals("stop-words:de", filter.run(in("de", englishish())).orElseThrow().rule());
  }

  @Test
  void chineseIsCountedInCharactersWithItsOwnFullStop() {
    String text = han(20, 20, "。");
    // By the base settings a Chinese line is one word of 21 chars and 。 ends no sentence.
    FineWebQualityFilter fineweb = new FineWebQualityFilter(DEFAULTS);
    assertEquals("terminal-punctuation-lines", fineweb.run(in(null, text)).orElseThrow().rule());
    assertEquals(Optional.empty(), fineweb.run(in("zh", text)));
    GopherQualityFilter gopher = new GopherQualityFilter(DEFAULTS);
    assertEquals("min-words", gopher.run(in(null, text)).orElseThrow().rule());
    // In characters: 400 words of one char; no stop word among these ideographs.
    assertEquals(Optional.of(new Rejection("filter", "gopher-quality/stop-words", "stop-words:zh", 0.0)),
        gopher.run(in("zh", text)));
    String twoStopWords = text.replace(Character.toString(FIRST), "的").replace(Character.toString(FIRST + 1), "是");
    assertEquals(Optional.empty(), gopher.run(in("zh", twoStopWords)));
  }

  @Test
  void thaiSkipsTheTerminalPunctuationRuleAndCountsIt() {
    FineWebQualityFilter fineweb = new FineWebQualityFilter(DEFAULTS);
    StepDocument thai = in("th", han(20, 40, ""));
    assertEquals(Optional.empty(), fineweb.run(thai));
    assertEquals(1, thai.counters().get("fineweb-quality.terminal-punctuation-skipped.th"));
  }

  @Test
  void aTopNGramOfCharactersCountsNoSpaces() {
    GopherRepetitionFilter.WordIds units = GopherRepetitionFilter.WordIds.of(new DocumentText("甲乙甲乙甲乙丙", WordUnits.CHARACTERS));
    // 甲乙 three times: 6 chars of text, where a spaced 2-gram would count 9.
    assertEquals(6, GopherRepetitionFilter.topNGramChars(units, 2, 0));
    assertEquals(9, GopherRepetitionFilter.topNGramChars(units, 2, 1));
  }

  @Test
  void aFilterOffForOneLanguageKeepsItsDocumentsAndOnForOneRunsForItAlone() {
    CurateSettings settings = ReferenceConf.curate("curate.filter.by-language.fr.gopher-quality.enabled=false");
    GopherQualityFilter filter = new GopherQualityFilter(settings.filter().byLanguage());
    assertEquals(Optional.empty(), filter.run(in("fr", texts.words(10))));
    assertEquals("min-words:de", filter.run(in("de", texts.words(10))).orElseThrow().rule());

    CurateSettings onlyZh = ReferenceConf.curate("curate.filter.gopher-quality.enabled=false",
        "curate.filter.by-language.zh.gopher-quality.enabled=true");
    List<String> names = CurateSteps.of(onlyZh).stream().map(DocumentStep::name).toList();
    assertTrue(names.contains(GopherQualityFilter.NAME), names.toString());
    GopherQualityFilter zhOnly = new GopherQualityFilter(onlyZh.filter().byLanguage());
    assertEquals(Optional.empty(), zhOnly.run(in("en", texts.words(10))));
    assertEquals("min-words:zh", zhOnly.run(in("zh", "短文")).orElseThrow().rule());
  }
}
