package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByLanguageSettingsTest {
  private static FilterSettings read(String... sets) {
    SettingsReader r = ConfigLayers.load(Optional.empty(), List.of(sets), CurateSettings.SCHEMA).reader();
    FilterSettings settings = FilterSettings.read(r);
    r.finish();
    return settings;
  }

  private static List<String> problems(String... sets) {
    SettingsReader r = ConfigLayers.load(Optional.empty(), List.of(sets), CurateSettings.SCHEMA).reader();
    FilterSettings.read(r);
    return assertThrows(ConfigError.class, r::finish).problems();
  }

  @Test
  void englishAndUnknownLanguagesHaveTheBaseSettingsOtherLanguagesTheirOwnStopWords() {
    ByLanguageSettings byLanguage = read().byLanguage();
    LanguageProfile base = byLanguage.base();
    assertEquals(base, byLanguage.of(null));
    assertEquals(base, byLanguage.of("en"));
    assertEquals(List.of("the", "be", "to", "of", "and", "that", "have", "with"), base.gopherQuality().stopWords());
    // A shipped list, the base thresholds otherwise.
    GopherQualitySettings fr = byLanguage.of("fr").gopherQuality();
    assertEquals(List.of("de", "la", "le", "et", "à", "en", "des", "du", "les", "est", "un", "une", "il", "dans", "par", "au"),
        fr.stopWords());
    assertEquals(base.gopherQuality().minWords(), fr.minWords());
    assertEquals(base.gopherRepetition(), byLanguage.of("fr").gopherRepetition());
    // A language without a list (shipped or not configured at all) has none: the rule is skipped.
    assertEquals(List.of(), byLanguage.of("ko").gopherQuality().stopWords());
    assertEquals(base.withoutStopWords(), byLanguage.of("sw"));
    for (String code : List.of("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv", "da", "nb", "fi", "hu", "ro", "tr",
        "vi", "id", "ru", "uk", "bg", "el", "ar", "fa", "he", "hi", "zh", "ja")) {
      int words = byLanguage.of(code).gopherQuality().stopWords().size();
      assertTrue(words >= 8 && words <= 30, code + " has " + words + " stop words");
    }
  }

  @Test
  void languagesWrittenWithoutSpacesCountCharacters() {
    ByLanguageSettings byLanguage = read().byLanguage();
    for (String code : List.of("zh", "ja", "th", "km", "my")) {
      LanguageProfile profile = byLanguage.of(code);
      assertEquals(WordUnits.CHARACTERS, profile.wordUnits(), code);
      assertEquals(1, profile.gopherQuality().minMeanWordLength(), code);
    }
    assertEquals(WordUnits.SPACES, byLanguage.of("ko").wordUnits());
    assertEquals("", byLanguage.of("th").finewebQuality().terminalPunctuation());
    assertTrue(byLanguage.of("zh").finewebQuality().terminalPunctuation().contains("。"));
  }

  @Test
  void anOverrideAppliesToItsLanguageOnlyAndKeepsItsOtherSettings() {
    ByLanguageSettings byLanguage = read("curate.filter.by-language.fr.gopher-quality.min-words=80",
        "curate.filter.by-language.sw.fineweb-quality.max-short-lines=0.9",
        "curate.filter.by-language.zh.gopher-quality.min-mean-word-length=2").byLanguage();
    assertEquals(80, byLanguage.of("fr").gopherQuality().minWords());
    assertEquals("de", byLanguage.of("fr").gopherQuality().stopWords().get(0));
    assertEquals(50, byLanguage.of("de").gopherQuality().minWords());
    assertEquals(50, byLanguage.of("en").gopherQuality().minWords());
    assertEquals(50, byLanguage.base().gopherQuality().minWords());
    // A language that had nothing shipped: its setting, the base's others, still no stop words.
    assertEquals(0.9, byLanguage.of("sw").finewebQuality().maxShortLines());
    assertEquals(0.67, byLanguage.of("de").finewebQuality().maxShortLines());
    assertEquals(List.of(), byLanguage.of("sw").gopherQuality().stopWords());
    // One key of a shipped section changes; the section's other shipped keys stay.
    assertEquals(2, byLanguage.of("zh").gopherQuality().minMeanWordLength());
    assertEquals(5, byLanguage.of("zh").gopherQuality().maxMeanWordLength());
    assertEquals(WordUnits.CHARACTERS, byLanguage.of("zh").wordUnits());
  }

  @Test
  void englishOverridesKeepEnglishStopWords() {
    ByLanguageSettings byLanguage = read("curate.filter.by-language.en.gopher-quality.min-words=10").byLanguage();
    assertEquals(10, byLanguage.of("en").gopherQuality().minWords());
    assertEquals(byLanguage.base().gopherQuality().stopWords(), byLanguage.of("en").gopherQuality().stopWords());
  }

  @Test
  void languagesAreNamedByIsoCodesWithAnOptionalScript() {
    ByLanguageSettings byLanguage = read("curate.filter.by-language.cmn.gopher-quality.min-words=60",
        "curate.filter.by-language.ckb_Arab.gopher-quality.min-words=70").byLanguage();
    assertEquals(60, byLanguage.of("cmn").gopherQuality().minWords());
    assertEquals(70, byLanguage.of("ckb_Arab").gopherQuality().minWords());
  }

  @Test
  void badSettingsAreAllReportedNamingTheirKeys() {
    List<String> problems = problems(
        "curate.filter.by-language.fr.gopher-qualty.min-words=1",
        "curate.filter.by-language.fr.gopher-quality.min-word=1",
        "curate.filter.by-language.french.gopher-quality.min-words=1",
        "curate.filter.by-language.zh_Hanz.gopher-quality.min-words=1",
        "curate.filter.by-language.de.gopher-quality.min-alpha-words=2",
        "curate.filter.by-language.de.word-units=letters",
        "curate.filter.by-language.de.c4-page.curly-bracket=false",
        "curate.filter.by-language.es.gopher-quality.min-words=200000");
    assertEquals(8, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.fr.gopher-qualty' is not a"
        + " language-dependent filter; did you mean 'gopher-quality'?")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.de.c4-page' is not a"
        + " language-dependent filter") && p.contains("run before the language is known")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.french' must be named by a"
        + " lowercase ISO 639-1 or ISO 639-3 code")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.zh_Hanz' must be named")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.de.gopher-quality.min-alpha-words'"
        + " must be a number from 0.0 to 1.0, got 2")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.de.word-units' must be one of:"
        + " spaces, characters, got 'letters'")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.fr.gopher-quality.min-word' is not"
        + " a key of gopher-quality; did you mean 'min-words'?")), problems.toString());
    // min-words above the base's max-words: reported at the language's section, naming both.
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("'curate.filter.by-language.es.gopher-quality' max-words must"
        + " be at least min-words")), problems.toString());
  }

  @Test
  void aLanguageMustBeASectionAndAFilterTooIsASection() {
    List<String> problems = problems("curate.filter.by-language.fr=1", "curate.filter.by-language.de.gopher-quality=1",
        "curate.filter.by-language.it.word-units.of=characters");
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(2).startsWith("'curate.filter.by-language.it.word-units' must be one of: spaces, characters"),
        problems.toString());
    assertTrue(problems.get(0).startsWith("'curate.filter.by-language.de.gopher-quality' must be a section of"
        + " gopher-quality settings"), problems.toString());
    assertTrue(problems.get(1).startsWith("'curate.filter.by-language.fr' must be a section of a language's settings"),
        problems.toString());
  }
}
