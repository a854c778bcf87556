package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageSettingsTest {
  @Test
  void referenceConfKeepsEnglishAtFineWebsThresholdWithLangid() {
    SettingsReader r = FilterSettingsTest.reader();
    LanguageSettings s = LanguageSettings.read(r);
    r.finish();
    assertEquals(new LanguageSettings(true, LanguageSettings.Engine.LANGID, List.of("en"), 0.65, List.of(),
        LanguageSettings.Accuracy.LOW, 1000, ""), s);
    assertEquals(LanguageSettings.Engine.LANGID, s.engine());
    assertEquals(97, LanguageSettings.codes(LanguageSettings.Engine.LANGID).size());
    assertEquals(75, LanguageSettings.codes(LanguageSettings.Engine.LINGUA).size());
  }

  @Test
  void badSettingsAreReportedByKey() {
    SettingsReader r = FilterSettingsTest.reader("curate.filter.language.keep=[en, xx]",
        "curate.filter.language.min-confidence=1.5", "curate.filter.language.accuracy=medium",
        "curate.filter.language.engine=cld3");
    LanguageSettings.read(r);
    List<String> problems = assertThrows(ConfigError.class, r::finish).problems();
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.toString().contains("xx"), problems.toString());
    assertTrue(problems.toString().contains("min-confidence"), problems.toString());
    assertTrue(problems.toString().contains("accuracy"), problems.toString());
    assertTrue(problems.toString().contains("engine") && problems.toString().contains("langid, lingua, fasttext"),
        problems.toString());

    SettingsReader among = FilterSettingsTest.reader("curate.filter.language.keep=[de]",
        "curate.filter.language.detect-among=[en, fr]");
    LanguageSettings.read(among);
    assertTrue(assertThrows(ConfigError.class, among::finish).getMessage().contains("detect-among"));

    SettingsReader none = FilterSettingsTest.reader("curate.filter.language.keep=[]");
    LanguageSettings.read(none);
    assertTrue(assertThrows(ConfigError.class, none::finish).getMessage().contains("keep"));
  }

  @Test
  void codesAreCheckedAgainstTheChosenEngine() {
    // Luxembourgish: langid knows it, Lingua does not.
    SettingsReader langid = FilterSettingsTest.reader("curate.filter.language.keep=[lb]");
    LanguageSettings.read(langid);
    langid.finish();
    SettingsReader lingua = FilterSettingsTest.reader("curate.filter.language.keep=[lb]",
        "curate.filter.language.engine=lingua");
    LanguageSettings.read(lingua);
    String message = assertThrows(ConfigError.class, lingua::finish).getMessage();
    assertTrue(message.contains("lingua") && message.contains("[lb]"), message);
  }

  @Test
  void theFastTextEngineNeedsAModelAndChoosesAmongItsOwnLabels() {
    SettingsReader noModel = FilterSettingsTest.reader("curate.filter.language.engine=fasttext",
        "curate.filter.language.detect-among=[en, fr]");
    LanguageSettings.read(noModel);
    List<String> problems = assertThrows(ConfigError.class, noModel::finish).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("'curate.filter.language.model' name the fastText language-ID model"),
        problems.get(0));
    assertTrue(problems.get(1).startsWith("'curate.filter.language.detect-among' must be []"), problems.get(1));

    SettingsReader modelForLangid = FilterSettingsTest.reader("curate.filter.language.model=lid.176.bin");
    LanguageSettings.read(modelForLangid);
    assertTrue(assertThrows(ConfigError.class, modelForLangid::finish).problems().get(0)
        .startsWith("'curate.filter.language.model' is read only with engine = fasttext"));

    // Codes such as GlotLID's yue_Hani are not the libraries' codes; the model's labels decide, at start.
    SettingsReader fastText = FilterSettingsTest.reader("curate.filter.language.engine=fasttext",
        "curate.filter.language.model=\"s3a://b/lid.176.ftz\"", "curate.filter.language.keep=[en, yue_Hani]");
    LanguageSettings read = LanguageSettings.read(fastText);
    fastText.finish();
    assertEquals(new LanguageSettings(true, LanguageSettings.Engine.FASTTEXT, List.of("en", "yue_Hani"), 0.65, List.of(),
        LanguageSettings.Accuracy.LOW, 1000, "s3a://b/lid.176.ftz"), read);
  }
}
