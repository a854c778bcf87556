package dev.pretrain.classify.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextWriter;
import dev.pretrain.classify.fasttext.TextPreparation;
import dev.pretrain.classify.train.SupervisedOptions.ClassifierLoss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trainer alone, on the sample corpus: it learns, and the same seed gives the same bytes. */
class SupervisedTrainerTest {
  static final TextPreparation PREPARE = new TextPreparation(true);
  static List<byte[]> train;
  static List<HeldOutEvaluation.Example> heldOut;

  /** Every tenth document of each class held out; the rest shuffled with a fixed seed. */
  @BeforeAll
  static void split() {
    List<String> lines = new ArrayList<>();
    heldOut = new ArrayList<>();
    addClass("__label__hq", SampleCorpus.texts(SampleCorpus.POSITIVE), lines);
    addClass("__label__cc", SampleCorpus.texts(SampleCorpus.NEGATIVE), lines);
    Collections.shuffle(lines, new Random(7));
    train = lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static void addClass(String label, List<String> texts, List<String> lines) {
    for (int i = 0; i < texts.size(); i++) {
      String text = PREPARE.prepare(texts.get(i));
      if (i % 10 == 0) {
        heldOut.add(new HeldOutEvaluation.Example(text, label));
      } else {
        lines.add(label + " " + text);
      }
    }
  }

  static SupervisedOptions options(ClassifierLoss loss, long seed) {
    return new SupervisedOptions(16, 5, 0.5, 2, 1, 20_000, 0, 0, loss, 100, seed);
  }

  static byte[] bytes(FastTextModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastTextWriter.write(model, out);
    return out.toByteArray();
  }

  @Test
  void separatesReferenceTextFromSpamOnHeldOutDocuments() {
    for (ClassifierLoss loss : ClassifierLoss.values()) {
      List<TrainingProgress> reports = new ArrayList<>();
      FastTextModel model = new SupervisedTrainer(options(loss, 1), reports::add).train(train);
      assertEquals(List.of("__label__hq", "__label__cc").stream().sorted().toList(),
          model.labels().stream().sorted().toList());
      for (LabelMetrics m : HeldOutEvaluation.evaluate(model, heldOut)) {
        // Chance is ~0.5; edited prose against e-mail is far apart, and the misses are mostly held-out
        // UDHR texts in languages no training document has. Pinned with a margin for other seeds.
        assertTrue(m.f1() > 0.85, loss + " " + m + " f1 " + m.f1());
      }
      assertFalse(reports.isEmpty(), "progress reported");
      TrainingProgress last = reports.get(reports.size() - 1);
      assertTrue(last.done() > 0.99 && last.epoch() > 4.99, last.toString());
      assertTrue(reports.get(0).loss() > last.loss(), "the loss falls: " + reports);
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
    byte[] first = bytes(new SupervisedTrainer(options(ClassifierLoss.SOFTMAX, 5), p -> {}).train(train));
    byte[] again = bytes(new SupervisedTrainer(options(ClassifierLoss.SOFTMAX, 5), p -> {}).train(train));
    byte[] other = bytes(new SupervisedTrainer(options(ClassifierLoss.SOFTMAX, 6), p -> {}).train(train));
    assertArrayEquals(first, again);
    assertEquals(first.length, other.length);
    assertFalse(java.util.Arrays.equals(first, other));
  }

  @Test
  void linesWithoutALabelOrWordAreRefused() {
    SupervisedTrainer trainer = new SupervisedTrainer(options(ClassifierLoss.SOFTMAX, 1), p -> {});
    IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
        () -> trainer.train(List.of("just words".getBytes(StandardCharsets.UTF_8))));
    assertTrue(noLabel.getMessage().contains("no __label__"), noLabel.getMessage());
    IllegalArgumentException noWord = assertThrows(IllegalArgumentException.class,
        () -> trainer.train(List.of("__label__a".getBytes(StandardCharsets.UTF_8))));
    assertTrue(noWord.getMessage().contains("no word"), noWord.getMessage());
  }
}
