package dev.pretrain.bench.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.job.CurateSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.dedup.clean.CleanChain;
import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.clean.CleanSettings;
import dev.pretrain.dedup.minhash.DedupNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's ground truth on a tiny corpus, checked against an independent computation. */
class CorpusGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A sample corpus of made-up sentences: 120 "alpha" documents and 3 "beta" ones (the admixture). */
  private static Path sample(Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    List<String> vocabulary = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      vocabulary.add("w" + Integer.toString(i * 7919 + 13, 36) + (i % 3 == 0 ? "é" : ""));
    }
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 123; d++) {
      StringBuilder text = new StringBuilder();
      for (int l = 0; l < 5 + random.nextInt(10); l++) {
        for (int w = 0; w < 6 + random.nextInt(10); w++) {
          text.append(w == 0 ? "" : " ").append(vocabulary.get(random.nextInt(vocabulary.size())));
        }
        text.append(".\n");
      }
      lines.add(JSON.writeValueAsString(Map.of("id", "s" + d, "text", text.toString(), "source", d < 120 ? "alpha" : "beta")));
    }
    Path file = dir.resolve("sample.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return dir;
  }

  private static CorpusGenerator.Summary generate(Path sample, Path out) throws IOException {
    return CorpusGenerator.generate(new CorpusGenerator.Settings(sample, out, 0.1, 0.03, 11, 0.6, 3,
        new double[] {0, 0.01, 0.05, 0.2}, 0.1));
  }

  private static Map<String, String> texts(Path out) throws IOException {
    Map<String, String> texts = new HashMap<>();
    try (Stream<Path> files = Files.list(out.resolve(CorpusGenerator.DOCS_DIR))) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          JsonNode node = JSON.readTree(line);
          texts.put(node.get("id").asText(), node.get("text").asText());
        }
      }
    }
    return texts;
  }

  /** 5-grams by list windows and retainAll: a second implementation, not ShingleSets. */
  private static double independentJaccard(String x, String y, boolean clean) {
    Set<List<String>> a = grams(x, clean);
    Set<List<String>> b = grams(y, clean);
    Set<List<String>> both = new HashSet<>(a);
    both.retainAll(b);
    Set<List<String>> union = new HashSet<>(a);
    union.addAll(b);
    return union.isEmpty() ? 0 : (double) both.size() / union.size();
  }

  private static Set<List<String>> grams(String text, boolean clean) {
    String seen = clean ? CleanChain.of(CurateSteps.of(CurateConfig.defaults())).apply(text, new CleanCounters()) : text;
    List<String> words = List.of(DedupNormalizer.normalizeToString(seen).split("\\s+"));
    Set<List<String>> out = new HashSet<>();
    for (int i = 0; i + 5 <= words.size(); i++) {
      out.add(words.subList(i, i + 5));
    }
    return out;
  }

  @Test
  void plantedJaccardMatchesAnIndependentComputation(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("corpus");
    CorpusGenerator.Summary summary = generate(sample(Files.createDirectories(dir.resolve("sample"))), out);
    Map<String, String> texts = texts(out);
    List<PlantedPair> pairs = PlantedPair.read(out);

    assertEquals(summary.documents(), texts.size());
    assertEquals(summary.pairs(), pairs.size());
    assertTrue(summary.copies() > 5 && summary.fileBytes() >= 100_000, summary.toString());
    boolean sawExactCopy = false;
    boolean sawLowJaccard = false;
    for (PlantedPair p : pairs) {
      String a = texts.get(p.a());
      String b = texts.get(p.b());
      assertEquals(independentJaccard(a, b, true), p.jaccard(), 1e-6, p.toString());
      assertEquals(independentJaccard(a, b, false), p.jaccardRaw(), 1e-6, p.toString());
      if (p.rateA() == 0 && p.rateB() == 0) {
        assertEquals(a, b, "a copy at edit rate 0 is the original's text");
        assertEquals(1.0, p.jaccard());
        sawExactCopy = true;
      }
      sawLowJaccard |= p.jaccard() < 0.5;
    }
    assertTrue(sawExactCopy && sawLowJaccard, "the rates give both exact copies and distant copies");
  }

  @Test
  void sameSeedWritesTheSameCorpus(@TempDir Path dir) throws IOException {
    Path sample = sample(Files.createDirectories(dir.resolve("sample")));
    generate(sample, dir.resolve("one"));
    generate(sample, dir.resolve("two"));
    assertEquals(texts(dir.resolve("one")), texts(dir.resolve("two")));
    assertEquals(Files.readString(dir.resolve("one").resolve(CorpusGenerator.PAIRS_FILE)),
        Files.readString(dir.resolve("two").resolve(CorpusGenerator.PAIRS_FILE)));
  }

  @Test
  void everyWordIsEditedAtRateOneAndNoneAtRateZero() {
    String text = "one two three\nfour five six seven\n\neight nine";
    int[] counts = new int[4];
    SplittableRandom random = new SplittableRandom(1);
    assertEquals(text, WordEdits.apply(text, 0, random, () -> "x", counts));
    assertEquals(9, counts[0]);
    int[] all = new int[4];
    String edited = WordEdits.apply(text, 1, random, () -> "x", all);
    assertEquals(9, all[0]);
    assertEquals(9, all[1] + all[2] + all[3]);
    assertEquals(text.chars().filter(c -> c == '\n').count(), edited.chars().filter(c -> c == '\n').count(),
        "line breaks survive deletions");
  }
}
