package dev.pretrain.classify.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.classify.train.SupervisedOptions.ClassifierLoss;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The train-classifier section: reference.conf's defaults, and every bad value named by its key. */
class TrainClassifierSettingsTest {
  static TrainClassifierSettings read(String... sets) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), TrainClassifierSettings.SCHEMA).reader();
    TrainClassifierSettings settings = TrainClassifierSettings.read(reader);
    reader.finish();
    return settings;
  }

  @Test
  void defaultsAreDclmLabelsAndFastTextsSupervisedDefaultsWithBigrams() {
    TrainClassifierSettings s = read();
    assertEquals("__label__hq", s.positiveLabel());
    assertEquals("__label__cc", s.negativeLabel());
    assertEquals(0.1, s.heldOutFraction());
    assertEquals(new SupervisedOptions(100, 5, 0.1, 2, 1, 2_000_000, 0, 0, ClassifierLoss.SOFTMAX, 100, 42),
        s.training());
    assertEquals(1L << 30, s.maxSampleBytes());
  }

  @Test
  void everyBadValueIsNamedAtOnce() {
    ConfigError e = assertThrows(ConfigError.class, () -> read("train-classifier.positive-label=hq",
        "train-classifier.negative-label=\"__label__a b\"", "train-classifier.fasttext.loss=hs",
        "train-classifier.fasttext.minn=4", "train-classifier.fasttext.maxn=3", "train-classifier.held-out-fraction=0.9",
        "train-classifier.fasttext.lr=0", "train-classifier.fasttext.dimm=3"));
    String m = e.getMessage();
    for (String key : List.of("positive-label", "negative-label", "fasttext.loss", "fasttext.minn", "held-out-fraction",
        "fasttext.lr", "fasttext.dimm")) {
      assertTrue(m.contains("train-classifier." + key), key + " in: " + m);
    }
    assertTrue(m.contains("softmax, ova"), m);
  }

  @Test
  void theTwoLabelsMustDiffer() {
    ConfigError e = assertThrows(ConfigError.class, () -> read("train-classifier.negative-label=__label__hq"));
    assertTrue(e.getMessage().contains("train-classifier.negative-label"), e.getMessage());
  }

  @Test
  void nGramsNeedBuckets() {
    ConfigError e = assertThrows(ConfigError.class, () -> read("train-classifier.fasttext.bucket=0"));
    assertTrue(e.getMessage().contains("train-classifier.fasttext.bucket"), e.getMessage());
    assertEquals(0, read("train-classifier.fasttext.bucket=0", "train-classifier.fasttext.word-ngrams=1")
        .training().args().bucket());
  }
}
