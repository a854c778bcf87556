package dev.pretrain.classify.fasttext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fastText fixtures of src/test/resources/fasttext, made by
 * src/test/fixtures/make-fasttext-fixtures.sh with fastText 0.9.2's command line: models, the
 * test text, and what {@code fasttext predict-prob} printed for each case of cases.tsv.
 */
final class Fixtures {
  private static final Map<String, FastTextModel> MODELS = new ConcurrentHashMap<>();

  private Fixtures() {}

  /** One {@code fasttext predict-prob MODEL test.txt K THRESHOLD} run. */
  record Case(String model, int k, float threshold, String expected) {
    @Override
    public String toString() {
      return model + " k " + k + " threshold " + threshold;
    }
  }

  static Path directory() {
    try {
      return Path.of(Fixtures.class.getResource("/fasttext/cases.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path file(String name) {
    return directory().resolve(name);
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : Files.readAllLines(file("cases.tsv"))) {
      String[] f = line.split("\t");
      cases.add(new Case(f[0], Integer.parseInt(f[1]), Float.parseFloat(f[2]), f[3]));
    }
    return cases;
  }

  static List<String> modelNames() throws IOException {
    return cases().stream().map(Case::model).distinct().toList();
  }

  /** A fixture model, read once per test JVM. */
  static FastTextModel model(String name) {
    return MODELS.computeIfAbsent(name, n -> {
      try {
        return FastTextReader.read(file(n));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The fixture predicting from precomputed per-row label scores (RowLabelScores), whatever its shape. */
  static FastTextModel modelWithRowLabelScores(String name) {
    return MODELS.computeIfAbsent(name + " (row label scores)", n -> {
      FastTextModel m = model(name);
      return new FastTextModel(m.args(), m.dictionary(), m.input(), m.output(), true);
    });
  }

  static byte[] testText() throws IOException {
    return Files.readAllBytes(file("test.txt"));
  }
}
