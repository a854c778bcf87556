package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The one-line API ({@code predict}, fastText's Python {@code predict}: the text plus a newline)
 * against the command line's reading of the same line, which FastTextIdentityTest pins to
 * fastText; and one model shared by threads.
 */
class FastTextPredictorTest {

  /** The test text's lines that a String carries unchanged: valid UTF-8, no literal {@code </s>}. */
  private static List<String> lines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : new String(Fixtures.testText(), StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.contains("\uFFFD") && !line.contains("</s>")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static List<Prediction> commandLine(FastTextModel model, String line, int k, float threshold) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    List<Prediction> out = new ArrayList<>();
    assertEquals(bytes.length, model.predictor().predictNextLine(bytes, 0, bytes.length, k, threshold, out));
    return out;
  }

  @Test
  void aLineIsPredictedAsTheCommandLinePredictsItFollowedByANewline() throws IOException {
    for (String name : List.of("quality-hs-bigram-subwords.bin", "quality-ova-trigram-subwords-cutoff.ftz",
        "glotlid-udhr.bin")) {
      FastTextModel model = Fixtures.model(name);
      FastTextPredictor predictor = model.predictor();
      int checked = 0;
      for (String line : lines()) {
        assertEquals(commandLine(model, line, -1, 0f), predictor.predict(line, -1, 0f), name + ": " + line);
        assertEquals(commandLine(model, line, 2, 0.1f), model.predict(line, 2, 0.1f), name + ": " + line);
        checked++;
      }
      assertTrue(checked > 250, "checked " + checked + " lines");
    }
  }

  @Test
  void languageModelsFindTheLanguage() {
    FastTextModel lid = Fixtures.model("lid-udhr.bin");
    List<Prediction> french = lid.predict("Tous les êtres humains naissent libres et égaux en dignité et en droits.", 1, 0f);
    assertEquals("__label__fr", french.get(0).label());
    assertTrue(french.get(0).probability() > 0.5f, french.toString());
    FastTextModel glot = Fixtures.model("glotlid-udhr.bin");
    assertEquals("__label__deu_Latn",
        glot.predict("Alle Menschen sind frei und gleich an Würde und Rechten geboren.", 1, 0f).get(0).label());
  }

  @Test
  void everyLabelComesWithKMinusOneAndProbabilitiesAddUpForSoftmax() {
    FastTextModel model = Fixtures.model("quality-softmax-bigram.bin");
    List<Prediction> all = model.predict("Dear friend, click here to claim your prize", -1, 0f);
    assertEquals(3, all.size());
    double sum = all.stream().mapToDouble(Prediction::probability).sum();
    assertEquals(1.0 + 3e-5, sum, 1e-5, "each probability carries fastText's + 1e-5");
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).probability() >= all.get(i).probability(), "best first");
    }
  }

  @Test
  void refusesANewlineAndAnEmptyK() {
    FastTextModel model = Fixtures.model("quality-softmax-words.bin");
    assertThrows(IllegalArgumentException.class, () -> model.predict("two\nlines", 1, 0f));
    assertThrows(IllegalArgumentException.class, () -> model.predict("one line", 0, 0f));
    assertThrows(IllegalArgumentException.class, () -> model.predict("one line", -2, 0f));
  }

  @Test
  void aLineWithoutInputRowsPredictsNothing() {
    FastTextPredictor predictor = Fixtures.model("quality-softmax-words.bin").predictor();
    byte[] blank = "   ".getBytes(StandardCharsets.US_ASCII);
    List<Prediction> out = new ArrayList<>();
    assertEquals(3, predictor.predictNextLine(blank, 0, blank.length, 1, 0f, out));
    assertTrue(out.isEmpty(), "a last line of spaces has no token, not even </s>: fastText prints an empty line");
  }

  @Test
  void encodesUnpairedSurrogatesAsStringGetBytesDoes() {
    FastTextModel model = Fixtures.model("quality-softmax-subwords.bin");
    String broken = "caf\uD800e \uDC00 fin\uD83D";
    String replaced = new String(broken.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals("caf?e ? fin?", replaced);
    assertEquals(model.predict(replaced, -1, 0f), model.predict(broken, -1, 0f));
    assertEquals(model.predict("😀 ok", -1, 0f), commandLine(model, "😀 ok", -1, 0f));
  }

  @Test
  void oneModelServesManyThreads() throws Exception {
    FastTextModel model = Fixtures.model("lid-udhr.ftz");
    List<String> lines = lines();
    List<List<Prediction>> expected = new ArrayList<>();
    for (String line : lines) {
      expected.add(model.predictor().predict(line, 5, 0f));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<Prediction>>>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(pool.submit(() -> {
          List<List<Prediction>> got = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            got.clear();
            for (String line : lines) {
              got.add(model.predict(line, 5, 0f));
            }
          }
          return got;
        }));
      }
      for (Future<List<List<Prediction>>> run : runs) {
        assertEquals(expected, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
