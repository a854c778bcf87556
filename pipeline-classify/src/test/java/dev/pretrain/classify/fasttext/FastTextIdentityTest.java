package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The oracle is fastText 0.9.2 itself: for every fixture model (softmax, hs, ova and ns; with and
 * without subwords; word uni-, bi- and trigrams; dense, quantized with and without -qnorm and
 * -qout, pruned with -cutoff; lid.176- and GlotLID-style language models) and every line of the
 * test text, the Java predictor gives the labels `fasttext predict-prob` printed, in its order, with
 * probabilities within 1e-5 of the printed ones (which have 6 significant digits). Each model runs
 * with k 1, with every label (the first 20 of the 400-label models) and with a threshold. Softmax
 * and hs models run twice: through the averaged vector as fastText computes, and from per-row label
 * scores (RowLabelScores, which the fixtures' shapes would not choose by themselves).
 */
class FastTextIdentityTest {

  @TestFactory
  Stream<DynamicTest> predictsWhatFastTextPrintsForEveryLine() throws IOException {
    byte[] text = Fixtures.testText();
    Stream<DynamicTest> exact = Fixtures.cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(Fixtures.model(c.model()), c, text)));
    Stream<DynamicTest> table = Fixtures.cases().stream()
        .filter(c -> Fixtures.model(c.model()).args().loss() == Loss.SOFTMAX
            || Fixtures.model(c.model()).args().loss() == Loss.HIERARCHICAL_SOFTMAX)
        .map(c -> DynamicTest.dynamicTest(c + " (row label scores)",
            () -> check(Fixtures.modelWithRowLabelScores(c.model()), c, text)));
    return Stream.concat(exact, table);
  }

  @Test
  void fixturesCoverEveryLossAndForm() throws IOException {
    List<Fixtures.Case> cases = Fixtures.cases();
    assertEquals(45, cases.size(), "cases.tsv: 15 models x 3 cases");
    List<String> models = Fixtures.modelNames();
    for (Loss loss : Loss.values()) {
      assertTrue(models.stream().anyMatch(m -> Fixtures.model(m).args().loss() == loss), "a model with loss " + loss);
    }
    assertTrue(models.stream().map(Fixtures::model).anyMatch(m -> m.dictionary().pruneIndex().isPresent()), "a pruned model");
    assertTrue(models.stream().map(Fixtures::model).anyMatch(m -> m.output() instanceof QuantizedMatrix), "a -qout model");
    assertTrue(models.stream().map(Fixtures::model)
        .anyMatch(m -> m.input() instanceof QuantizedMatrix q && q.quantizesNorms()), "a -qnorm model");
    assertTrue(models.stream().map(Fixtures::model)
        .anyMatch(m -> m.input() instanceof QuantizedMatrix q
            && q.quantizer().lastSubvectorSize() != q.quantizer().subvectorSize()), "a shorter last sub-vector");
    assertTrue(models.stream().map(Fixtures::model).anyMatch(m -> m.args().wordNgrams() == 3), "word trigrams");
  }

  private static void check(FastTextModel model, Fixtures.Case c, byte[] text) throws IOException {
    FastTextPredictor predictor = model.predictor();
    List<List<Prediction>> lines = new ArrayList<>();
    for (int pos = 0; pos < text.length; ) {
      List<Prediction> line = new ArrayList<>();
      pos = predictor.predictNextLine(text, pos, text.length, c.k(), c.threshold(), line);
      lines.add(line);
    }
    List<String> expected = Files.readAllLines(Fixtures.file(c.expected()), StandardCharsets.UTF_8);
    assertEquals(expected.size(), lines.size(), "lines fastText printed");
    assertTrue(expected.size() > 200, "the test text has over 200 lines");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      String actual = format(lines.get(i));
      if (!PredictProbLine.matches(expected.get(i), lines.get(i))) {
        mismatches.add("line " + (i + 1) + ":\n  fastText " + expected.get(i) + "\n  Java     " + actual);
      }
    }
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + expected.size() + " lines differ, e.g.\n"
          + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }
  }

  private static String format(List<Prediction> predictions) {
    StringBuilder s = new StringBuilder();
    for (Prediction p : predictions) {
      s.append(s.length() == 0 ? "" : " ").append(p.label()).append(' ').append(String.format("%.6g", p.probability()));
    }
    return s.toString();
  }
}
