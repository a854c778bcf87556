package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.testing.UdhrTexts;
import dev.pretrain.dedup.filter.LanguageFilter;
import dev.pretrain.dedup.filter.LanguageSettings;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Curation beyond English, through the job's steps: language identification first, then the
 * filters with the settings of the language found, on the sample's texts.
 */
class MultilingualStepsTest {
  @Test
  void theUdhrInFrenchGermanSpanishChineseAndJapaneseIsKeptWhenKeepNamesItsLanguage() throws IOException {
    List<DocumentStep> steps = CurateSteps.of(ReferenceConf.curate("curate.filter.language.keep=[fr, de, es, zh, ja]"));
    for (String id : List.of("udhr/fra", "udhr/deu_1996", "udhr/spa", "udhr/cmn_hans", "udhr/cmn_hant", "udhr/jpn")) {
      UdhrTexts.Udhr udhr = UdhrTexts.get(id);
      StepDocument document = new StepDocument(udhr.text());
      assertEquals(Optional.empty(), CurateSteps.run(steps, document), id);
      assertEquals(udhr.language(), document.lang(), id);
      // Each has a stop-word list of its own: no rule was skipped.
      assertTrue(document.counters().asMap().keySet().stream().noneMatch(k -> k.contains("skipped")),
          id + ": " + document.counters());
    }
  }

  @Test
  void everyTranslationInALanguageLangidKnowsIsKeptWhenKeepNamesIt() throws IOException {
    Set<String> known = LanguageSettings.codes(LanguageSettings.Engine.LANGID);
    List<String> checked = new ArrayList<>();
    for (UdhrTexts.Udhr udhr : UdhrTexts.all().values()) {
      if (!known.contains(udhr.language())) {
        continue; // Burmese, Cantonese (as Chinese: MultilingualCurateTest), Yoruba
      }
      List<DocumentStep> steps = CurateSteps.of(ReferenceConf.curate("curate.filter.language.keep=[" + udhr.language() + "]"));
      StepDocument document = new StepDocument(udhr.text());
      assertEquals(Optional.empty(), CurateSteps.run(steps, document), udhr.id());
      checked.add(udhr.language());
    }
    assertEquals(36, checked.size(), checked.toString());
  }

  @Test
  void withEnglishStopWordsFrenchFailsTheRuleAndTheDropNamesTheLanguage() throws IOException {
    // What curating French used to do: Gopher's English list.
    List<DocumentStep> steps = CurateSteps.of(ReferenceConf.curate("curate.filter.language.keep=[fr]",
        "curate.filter.by-language.fr.gopher-quality.stop-words=[the, be, to, of, and, that, have, with]"));
    Optional<Rejection> dropped = CurateSteps.run(steps, new StepDocument(UdhrTexts.get("udhr/fra").text()));
    assertEquals("gopher-quality/stop-words", dropped.orElseThrow().reason());
    assertEquals("stop-words:fr", dropped.get().rule());
  }

  @Test
  void aLanguageWithoutAStopWordListSkipsTheRuleAndCountsIt() throws IOException {
    List<DocumentStep> steps = CurateSteps.of(ReferenceConf.curate("curate.filter.language.keep=[sw, ko]"));
    for (String id : List.of("udhr/swh", "udhr/kor")) {
      UdhrTexts.Udhr udhr = UdhrTexts.get(id);
      StepDocument document = new StepDocument(udhr.text());
      assertEquals(Optional.empty(), CurateSteps.run(steps, document), id);
      assertEquals(1, document.counters().get("gopher-quality.stop-words-skipped." + udhr.language()), id);
    }
  }

  @Test
  void anOverrideAppliesToItsLanguageOnly() throws IOException {
    List<DocumentStep> steps = CurateSteps.of(ReferenceConf.curate("curate.filter.language.keep=[fr, de]",
        "curate.filter.by-language.fr.gopher-quality.min-words=5000"));
    Optional<Rejection> french = CurateSteps.run(steps, new StepDocument(UdhrTexts.get("udhr/fra").text()));
    assertEquals("min-words:fr", french.orElseThrow().rule());
    assertEquals(Optional.empty(), CurateSteps.run(steps, new StepDocument(UdhrTexts.get("udhr/deu_1996").text())));
  }

  /**
   * English curation decides as before: the same documents kept as with language identification
   * after the filters (the order until now, where the filters saw no language), and an English
   * document dropped by a filter for the same rule, now named with its language. Only documents
   * the filters and language identification would both drop may change reason, to the language's.
   */
  @Test
  void anEnglishRunKeepsWhatItKeptBeforeForTheSameReasons() throws IOException {
    CurateSettings settings = ReferenceConf.curate();
    List<DocumentStep> steps = CurateSteps.of(settings);
    List<DocumentStep> languageLast = new ArrayList<>(steps);
    DocumentStep language = languageLast.stream().filter(s -> s.name().equals(LanguageFilter.NAME)).findFirst().orElseThrow();
    languageLast.remove(language);
    languageLast.add(languageLast.indexOf(languageLast.stream().filter(s -> s.name().equals("fineweb-quality"))
        .findFirst().orElseThrow()) + 1, language);

    List<String> texts = new ArrayList<>(first("spamassassin", 400));
    texts.addAll(first("brown", 100));
    int kept = 0;
    int sameReason = 0;
    for (String text : texts) {
      StepDocument now = new StepDocument(text);
      StepDocument before = new StepDocument(text);
      Optional<Rejection> n = CurateSteps.run(steps, now);
      Optional<Rejection> b = CurateSteps.run(languageLast, before);
      assertEquals(b.isEmpty(), n.isEmpty(), text);
      if (n.isEmpty()) {
        kept++;
        continue;
      }
      Rejection was = b.get();
      Rejection is = n.get();
      if (!was.stage().equals(Rejection.FILTER) || was.reason().startsWith("c4-page/") || was.reason().startsWith("language/")) {
        assertEquals(was, is, "decided before the filters that moved, or by language identification: as before");
      } else if (!is.reason().startsWith("language/")) {
        // Language identification kept it, so it is English, and the filter decided as before.
        sameReason++;
        assertEquals("en", now.lang());
        assertEquals(new Rejection(was.stage(), was.reason(), was.rule() + ":en", was.value()), is);
      }
      // Else both would drop it: the language's reason comes first now.
    }
    // The sample mixes clean prose and spam: both kinds occur.
    assertTrue(kept > 200 && sameReason > 50, kept + " kept, " + sameReason + " English drops");
  }

  private static List<String> first(String source, int n) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    Path file = Path.of("../jobs/sample/corpus/" + source + ".jsonl.gz");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && texts.size() < n; line = in.readLine()) {
        texts.add(json.readTree(line).get("text").asText());
      }
    }
    return texts;
  }
}
