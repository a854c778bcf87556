package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.minhash.ExactKey;
import dev.pretrain.dedup.minhash.MinHasher;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurateStepsTest {
  private static List<String> names(List<DocumentStep> steps) {
    return steps.stream().map(DocumentStep::name).toList();
  }

  @Test
  void theDefaultStepsRunInTheJobsOrder() {
    assertEquals(List.of("extract", "nfc", "control", "mojibake", "c4-lines", "pii", "whitespace", "empty-after-cleaning",
        "c4-page", "language", "gopher-repetition", "gopher-quality", "fineweb-quality", "exact-key", "minhash"),
        names(CurateSteps.of(ReferenceConf.curate())));
  }

  @Test
  void switchedOffStepsAndSqlBandKeysLeaveTheList() {
    List<DocumentStep> steps = CurateSteps.of(ReferenceConf.curate("curate.clean.pii.enabled=false",
        "curate.filter.language.enabled=false", "curate.minhash.implementation=sql"));
    assertEquals(List.of("extract", "nfc", "control", "mojibake", "c4-lines", "whitespace", "empty-after-cleaning",
        "c4-page", "gopher-repetition", "gopher-quality", "fineweb-quality", "exact-key"), names(steps));
  }

  @Test
  void theRecheckIsTheEmptyCheckAndTheQualityFiltersOfTheJobInItsOrder() {
    CurateSettings settings = ReferenceConf.curate();
    List<DocumentStep> recheck = CurateSteps.recheck(settings);
    assertEquals(List.of("empty-after-cleaning", "c4-page", "gopher-repetition", "gopher-quality", "fineweb-quality"),
        names(recheck));
    // The job's own classes, so that a shortened text is judged as the job judges a whole one.
    List<DocumentStep> job = CurateSteps.of(settings);
    for (DocumentStep step : recheck) {
      assertEquals(job.stream().filter(s -> s.name().equals(step.name())).findFirst().orElseThrow().getClass(),
          step.getClass());
    }
    // The same verdict as the job's chain on a text the cleaners leave as it is.
    StepDocument document = new StepDocument("short { text");
    document.setLang("en");
    assertEquals(CurateSteps.run(job, new StepDocument("short { text")), CurateSteps.run(recheck, document));
  }

  @Test
  void theRecheckFollowsTheSwitchesAndBuildsNoModel() {
    assertEquals(List.of("empty-after-cleaning", "c4-page", "gopher-repetition", "fineweb-quality"),
        names(CurateSteps.recheck(ReferenceConf.curate("curate.filter.gopher-quality.enabled=false"))));
    assertEquals(List.of("empty-after-cleaning"),
        names(CurateSteps.recheck(ReferenceConf.curate("curate.filter.enabled=false"))));
    // A classifier whose model cannot be read: the job's steps cannot be built, the re-check can.
    CurateSettings withClassifier = ReferenceConf.curate("curate.filter.classifiers=[{ name = quality,"
        + " model = \"/nonexistent/quality.bin\", label = __label__hq, min-score = 0.5 }]");
    assertThrows(RuntimeException.class, () -> CurateSteps.of(withClassifier));
    assertEquals(List.of("empty-after-cleaning", "c4-page", "gopher-repetition", "gopher-quality", "fineweb-quality"),
        names(CurateSteps.recheck(withClassifier)));
  }

  @Test
  void everyColumnAStepFillsIsAPerDocumentColumn() {
    List<String> columns = Arrays.asList(CurateSchemas.PROCESSED.fieldNames());
    for (DocumentStep step : CurateSteps.of(ReferenceConf.curate())) {
      assertTrue(columns.containsAll(step.columns()), step.name() + " fills " + step.columns());
    }
  }

  @Test
  void aFilterDropIsRecordedWithItsRuleAndValue() {
    Optional<Rejection> dropped = CurateSteps.run(CurateSteps.of(ReferenceConf.curate()), new StepDocument("short { text"));
    assertEquals(Optional.of(new Rejection("filter", "c4-page/curly-bracket", "curly-bracket", 1.0)), dropped);
  }

  @Test
  void aDocumentCleanedToNothingIsDroppedAtCleaning() {
    Optional<Rejection> dropped = CurateSteps.run(CurateSteps.of(ReferenceConf.curate()), new StepDocument(" \u0007\n\t "));
    assertEquals(Optional.of(new Rejection("clean", "empty-after-cleaning", null, null)), dropped);
  }

  @Test
  void aKeptDocumentGetsItsLanguageCountersAndKeysComputedOnce() throws Exception {
    CurateSettings settings = ReferenceConf.curate();
    String text = BrownTexts.first(1).get(0) + "\nWrite to jane@corp.example.com for a copy.";
    StepDocument document = new StepDocument(text);
    assertEquals(Optional.empty(), CurateSteps.run(CurateSteps.of(settings), document));
    assertEquals("en", document.lang());
    assertEquals(1, document.counters().get("pii.email-replaced"));
    // The same keys as computing them from the cleaned text on their own.
    DedupNormalizer normalizer = new DedupNormalizer();
    int length = normalizer.normalize(document.text());
    assertEquals(ExactKey.ofNormalized(normalizer.buffer(), length).hex(), document.exactKey());
    MinHasher minHasher = new MinHasher(settings.minhash());
    long[] signature = minHasher.signature(document.text()).orElseThrow();
    long[] keys = new long[minHasher.bands()];
    minHasher.bandKeys(signature, keys);
    assertNotNull(document.bandKeys());
    assertEquals(Arrays.toString(keys), Arrays.toString(document.bandKeys()));
  }

  @Test
  void aTextShorterThanOneShingleHasAnExactKeyButNoBandKeys() {
    List<DocumentStep> dedupKeys = CurateSteps.of(ReferenceConf.curate()).stream()
        .filter(s -> s.name().equals("exact-key") || s.name().equals("minhash")).toList();
    StepDocument document = new StepDocument("three short words");
    assertEquals(Optional.empty(), CurateSteps.run(dedupKeys, document));
    assertNotNull(document.exactKey());
    assertNull(document.bandKeys());
  }
}
