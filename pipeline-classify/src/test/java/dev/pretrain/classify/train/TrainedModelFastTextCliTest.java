package dev.pretrain.classify.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextPredictor;
import dev.pretrain.classify.fasttext.FastTextReader;
import dev.pretrain.classify.fasttext.FastTextWriter;
import dev.pretrain.classify.fasttext.Prediction;
import dev.pretrain.classify.fasttext.PredictProbLine;
import dev.pretrain.classify.train.SupervisedOptions.ClassifierLoss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle is fastText 0.9.2 itself: a model this trainer wrote loads in {@code fasttext} and
 * {@code fasttext predict-prob} prints, for every line of a test text (the fixtures' edge cases
 * and the held-out sample documents), the labels and probabilities (within 1e-5) that
 * {@link FastTextPredictor} gives. Skipped, with a message, where no {@code fasttext} command exists
 * (Debian: apt-get install fasttext); the committed fixtures hold the predictor to fastText there.
 */
class TrainedModelFastTextCliTest {
  private static final Path FASTTEXT = Path.of(System.getenv().getOrDefault("FASTTEXT", "/usr/bin/fasttext"));

  @TempDir static Path dir;
  static Path testText;

  @BeforeAll
  static void testText() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(FASTTEXT),
        "no fastText command at " + FASTTEXT + " (apt-get install fasttext, or FASTTEXT=path): skipped");
    SupervisedTrainerTest.split();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (InputStream edgeCases = TrainedModelFastTextCliTest.class.getResourceAsStream("/fasttext/test.txt")) {
      edgeCases.transferTo(text);
    }
    for (HeldOutEvaluation.Example e : SupervisedTrainerTest.heldOut) {
      text.write((e.text() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    testText = dir.resolve("test.txt");
    Files.write(testText, text.toByteArray());
  }

  @Test
  void softmaxWithBigramsPredictsAsFastText() throws Exception {
    check("softmax", new SupervisedOptions(16, 2, 0.5, 2, 1, 5_000, 0, 0, ClassifierLoss.SOFTMAX, 100, 3));
  }

  @Test
  void oneVsAllWithSubwordsAndTrigramsPredictsAsFastText() throws Exception {
    check("ova", new SupervisedOptions(8, 1, 0.5, 3, 2, 5_000, 3, 5, ClassifierLoss.OVA, 100, 4));
  }

  @Test
  void wordsOnlyWithoutBucketsPredictsAsFastText() throws Exception {
    check("words", new SupervisedOptions(12, 2, 0.5, 1, 1, 5_000, 0, 0, ClassifierLoss.SOFTMAX, 100, 5));
  }

  private static void check(String name, SupervisedOptions options) throws Exception {
    FastTextModel trained = new SupervisedTrainer(options, p -> {}).train(SupervisedTrainerTest.train);
    Path file = dir.resolve(name + ".bin");
    FastTextWriter.write(trained, file);
    FastTextModel model = FastTextReader.read(file);
    List<String> printed = predictProb(file);

    byte[] text = Files.readAllBytes(testText);
    FastTextPredictor predictor = model.predictor();
    List<List<Prediction>> lines = new ArrayList<>();
    for (int pos = 0; pos < text.length; ) {
      List<Prediction> line = new ArrayList<>();
      pos = predictor.predictNextLine(text, pos, text.length, -1, 0f, line);
      lines.add(line);
    }
    assertEquals(printed.size(), lines.size(), "lines fastText printed");
    assertTrue(printed.size() > 250, "the edge cases and the held-out documents");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < printed.size(); i++) {
      if (!PredictProbLine.matches(printed.get(i), lines.get(i))) {
        mismatches.add("line " + (i + 1) + ": fastText " + printed.get(i) + " / Java " + lines.get(i));
      }
    }
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + printed.size() + " lines differ, e.g.\n"
          + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }
  }

  private static List<String> predictProb(Path model) throws Exception {
    Process p = new ProcessBuilder(FASTTEXT.toString(), "predict-prob", model.toString(), testText.toString(), "-1", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fasttext finished");
    assertEquals(0, p.exitValue(), "fasttext predict-prob loads the model and exits 0");
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
