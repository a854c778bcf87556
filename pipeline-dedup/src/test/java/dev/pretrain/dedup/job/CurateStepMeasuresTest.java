package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step plan's declared measures match what the steps record. */
class CurateStepMeasuresTest {
  private static java.util.Optional<dev.pretrain.dedup.step.Rejection> lastRejection;

  private static double[] measured(CurateSettings settings, String text) {
    List<Measure> measures = CurateSteps.measures(settings);
    double[] values = new double[measures.size()];
    Arrays.fill(values, Double.NaN);
    StepDocument document = new StepDocument(text);
    document.recordMeasures(values, CurateSteps.measureOffsets(measures));
    lastRejection = CurateSteps.run(CurateSteps.of(settings), document);
    return values;
  }

  private static int position(CurateSettings settings, String key) {
    List<String> keys = CurateSteps.measures(settings).stream().map(Measure::key).toList();
    assertTrue(keys.contains(key), key + " in " + keys);
    return keys.indexOf(key);
  }

  @Test
  void thePlanNamesTheStepsItBuilds() {
    for (CurateSettings settings : List.of(ReferenceConf.curate(), ReferenceConf.curate(
        "curate.clean.pii.enabled=false", "curate.filter.language.enabled=false", "curate.minhash.implementation=sql"))) {
      assertEquals(CurateSteps.of(settings).stream().map(DocumentStep::name).toList(), CurateSteps.names(settings));
    }
  }

  @Test
  void aKeptDocumentHasEveryMeasureOfTheDefaultFilters() throws Exception {
    CurateSettings settings = ReferenceConf.curate();
    String text = BrownTexts.first(1).get(0);
    double[] values = measured(settings, text);
    for (int i = 0; i < values.length; i++) {
      assertFalse(Double.isNaN(values[i]), CurateSteps.measures(settings).get(i).key());
    }
    double words = values[position(settings, "gopher-quality/word-count")];
    assertTrue(words > 1500 && words < 2500, "a Brown text has about 2,000 words: " + words);
    assertTrue(values[position(settings, "language/confidence")] >= 0.65);
  }

  @Test
  void aDroppedDocumentHasTheValueThatDroppedItAndNothingAfter() {
    CurateSettings settings = ReferenceConf.curate("curate.filter.language.enabled=false");
    // Any 3-gram of so short a text covers more than 18% of it.
    double[] values = measured(settings, "Too short to be a document, though its words are fine.");
    assertEquals("gopher-repetition/top-3-gram-char-frac", lastRejection.map(r -> r.reason()).orElse("kept"));
    assertEquals(lastRejection.get().value(), values[position(settings, "gopher-repetition/top-3-gram-char-frac")]);
    assertEquals(0.0, values[position(settings, "gopher-repetition/dup-line-frac")]);
    assertTrue(Double.isNaN(values[position(settings, "gopher-repetition/top-4-gram-char-frac")]));
    assertTrue(Double.isNaN(values[position(settings, "gopher-quality/word-count")]));
  }

  @Test
  void offsetsPointAtEachStepsFirstMeasure() {
    List<Measure> measures = CurateSteps.measures(ReferenceConf.curate());
    Map<String, Integer> offsets = CurateSteps.measureOffsets(measures);
    offsets.forEach((step, at) -> {
      assertEquals(step, measures.get(at).filter());
      assertTrue(at == 0 || !measures.get(at - 1).filter().equals(step));
    });
  }
}
