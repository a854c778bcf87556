package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.classify.fasttext.FastTextDictionary.Entry;
import dev.pretrain.classify.fasttext.FastTextDictionary.EntryType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Building a model from parts, as a trainer does: the parts must fit as in fastText's files, and a
 * built model predicts by hand-checkable arithmetic (two words, two labels, dim 2) and round-trips
 * through the writer and reader.
 */
class FastTextModelTest {
  private static final List<Entry> ENTRIES = List.of(Entry.of("</s>", 3, EntryType.WORD),
      Entry.of("good", 2, EntryType.WORD), Entry.of("__label__hq", 5, EntryType.LABEL),
      Entry.of("__label__cc", 4, EntryType.LABEL));

  private static FastTextArgs args(Loss loss, ModelKind kind) {
    return new FastTextArgs(2, 5, 5, 1, 5, 1, loss, kind, 0, 0, 0, 100, 1e-4);
  }

  private static FastTextModel model(Loss loss) {
    FastTextArgs args = args(loss, ModelKind.SUPERVISED);
    // rows: </s> = (0, 0), good = (2, 0); labels: hq = (1, 0), cc = (-1, 0)
    return new FastTextModel(args, FastTextDictionary.of(args, ENTRIES, 10, null),
        new DenseMatrix(2, 2, new float[] {0, 0, 2, 0}), new DenseMatrix(2, 2, new float[] {1, 0, -1, 0}));
  }

  @Test
  void predictsTheSoftmaxOfTheAveragedRows() {
    // "good" + </s>: hidden = ((2 + 0) / 2, 0) = (1, 0); scores 1 and -1; softmax 1 / (1 + e^-2).
    List<Prediction> p = model(Loss.SOFTMAX).predict("good", -1, 0f);
    double hq = 1 / (1 + Math.exp(-2));
    assertEquals("__label__hq", p.get(0).label());
    assertEquals(hq + 1e-5, p.get(0).probability(), 1e-6);
    assertEquals("__label__cc", p.get(1).label());
    assertEquals(1 - hq + 1e-5, p.get(1).probability(), 1e-6);
  }

  @Test
  void oneVsAllUsesTheSigmoidTable() {
    List<Prediction> p = model(Loss.ONE_VS_ALL).predict("good", -1, 0f);
    assertEquals(SigmoidTable.sigmoid(1f) + 1e-5, p.get(0).probability(), 1e-6);
    assertEquals(SigmoidTable.sigmoid(-1f) + 1e-5, p.get(1).probability(), 1e-6);
    assertEquals(1 / (1 + Math.exp(-1)), SigmoidTable.sigmoid(1f), 0.01, "a table with 1/32 steps");
  }

  @Test
  void rowLabelScoresGiveTheExactScoresUpToRounding() {
    // dim 8, 2 labels: labels <= dim / 4, so the table applies; random weights, a fixed seed.
    java.util.Random random = new java.util.Random(7);
    float[] in = new float[2 * 8];
    float[] out = new float[2 * 8];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) random.nextGaussian();
      out[i] = (float) random.nextGaussian();
    }
    for (Loss loss : List.of(Loss.SOFTMAX, Loss.HIERARCHICAL_SOFTMAX)) {
      FastTextArgs args = new FastTextArgs(8, 5, 5, 1, 5, 1, loss, ModelKind.SUPERVISED, 0, 0, 0, 100, 1e-4);
      FastTextModel exact = new FastTextModel(args, FastTextDictionary.of(args, ENTRIES, 10, null),
          new DenseMatrix(2, 8, in), new DenseMatrix(2, 8, out));
      FastTextModel table = exact.withScoring(Scoring.ROW_LABEL_SCORES);
      assertEquals(Scoring.EXACT, exact.scoring());
      assertEquals(Scoring.ROW_LABEL_SCORES, table.scoring());
      for (String line : List.of("good", "good good unknown", "", "good </s> good")) {
        List<Prediction> e = exact.predict(line, -1, 0f);
        List<Prediction> t = table.predict(line, -1, 0f);
        assertEquals(e.size(), t.size(), loss + " " + line);
        for (int i = 0; i < e.size(); i++) {
          assertEquals(e.get(i).label(), t.get(i).label(), loss + " " + line);
          assertEquals(e.get(i).probability(), t.get(i).probability(), 1e-6, loss + " " + line);
        }
      }
    }
    FastTextModel ova = model(Loss.ONE_VS_ALL);
    assertEquals(ova, ova.withScoring(Scoring.ROW_LABEL_SCORES), "one-vs-all keeps fastText's order");
    FastTextModel wide = model(Loss.SOFTMAX);
    assertEquals(wide, wide.withScoring(Scoring.ROW_LABEL_SCORES), "2 labels at dim 2: no gain, kept exact");
  }

  @Test
  void aBuiltModelRoundTripsThroughItsFile() throws IOException {
    FastTextModel model = model(Loss.HIERARCHICAL_SOFTMAX);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastTextWriter.write(model, out);
    byte[] file = out.toByteArray();
    FastTextModel read = FastTextReader.read(new ByteArrayInputStream(file), file.length, "built.bin");
    assertEquals(model.predict("good", -1, 0f), read.predict("good", -1, 0f));
    assertEquals(ENTRIES, read.dictionary().entries());
    assertArrayEquals(new long[] {5, 4}, read.dictionary().labelCounts());
  }

  @Test
  void refusesPartsThatDoNotFit() {
    FastTextArgs args = args(Loss.SOFTMAX, ModelKind.SUPERVISED);
    FastTextDictionary dictionary = FastTextDictionary.of(args, ENTRIES, 10, null);
    DenseMatrix two = new DenseMatrix(2, 2, new float[4]);
    String rows = assertThrows(IllegalArgumentException.class,
        () -> new FastTextModel(args, dictionary, new DenseMatrix(3, 2, new float[6]), two)).getMessage();
    assertTrue(rows.contains("input matrix is 3 x 2, not 2 x 2"), rows);
    assertThrows(IllegalArgumentException.class,
        () -> new FastTextModel(args, dictionary, two, new DenseMatrix(1, 2, new float[2])));
    FastTextArgs cbow = args(Loss.NEGATIVE_SAMPLING, ModelKind.CBOW);
    String vectors = assertThrows(IllegalArgumentException.class,
        () -> new FastTextModel(cbow, FastTextDictionary.of(cbow, ENTRIES, 10, null), two, two)).getMessage();
    assertTrue(vectors.contains("cbow model holds word vectors"), vectors);
  }

  @Test
  void aDictionaryListsWordsBeforeLabelsAndEachOnce() {
    FastTextArgs args = args(Loss.SOFTMAX, ModelKind.SUPERVISED);
    assertThrows(IllegalArgumentException.class, () -> FastTextDictionary.of(args,
        List.of(Entry.of("__label__a", 1, EntryType.LABEL), Entry.of("word", 1, EntryType.WORD)), 2, null));
    assertThrows(IllegalArgumentException.class, () -> FastTextDictionary.of(args,
        List.of(Entry.of("word", 1, EntryType.WORD), Entry.of("word", 1, EntryType.WORD)), 2, null));
    FastTextDictionary dictionary = FastTextDictionary.of(args, ENTRIES, 10, null);
    assertEquals(1, dictionary.id("good"));
    assertEquals(3, dictionary.id("__label__cc"));
    assertEquals(-1, dictionary.id("bad"));
    assertEquals(List.of("__label__hq", "__label__cc"), dictionary.labels());
  }
}
