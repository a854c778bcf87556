package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One line per document, as the classifier step and train-classifier both prepare it. */
class TextPreparationTest {
  @Test
  void newlinesBecomeSpacesAndNothingElseChanges() {
    assertEquals("Title  First paragraph.\tTab  Ünïcode", new TextPreparation(false)
        .prepare("Title\n\nFirst paragraph.\tTab\n Ünïcode"));
  }

  @Test
  void lowercaseIsLocaleIndependent() {
    // Locale.ROOT: a Turkish default locale would turn I into a dotless ı.
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
    try {
      assertEquals("istanbul ünï", new TextPreparation(true).prepare("ISTANBUL ÜNÏ"));
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void aPreparedTextIsOneFastTextLine() {
    FastTextModel model = Fixtures.model("quality-softmax-words.bin");
    byte[] line = new TextPreparation(true).prepare("one\ntwo\nthree").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    LineFeatures features = new LineFeatures(model.dictionary(), model.args());
    assertEquals(line.length, features.read(line, 0, line.length, true), "no newline ends it early");
    assertEquals(4, features.tokenCount(), "three words and </s>");
  }
}
