package dev.pretrain.tokenize.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.common.shards.TokenCodec;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.tokenize.mix.MixSettings;
import dev.pretrain.tokenize.mix.MixSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weighted mixing, checked from the shards alone: every document's text starts with its source's
 * name, so reassembling the packed token stream (undoing the seeded row shuffle) and cutting it at
 * the end-of-text ids tells which source each token came from and how often each document was
 * repeated. The three sources (web, code, books) hold 13,620, 1,395 and 3,494 tokens; a
 * 20,000-token budget at weights 0.5 / 0.3 / 0.2 cuts web to a subset (0.73 epochs) and repeats
 * code (4.3 epochs) and books (1.14).
 */
class MixJobTest {
  private static final int SEQ_LEN = 63;
  private static final long SEED = 11;
  private static final int ROWS_PER_SHARD = 32;
  private static final long BUDGET = 20_000;
  private static final Map<String, Double> WEIGHTS = Map.of("web", 0.5, "code", 0.3, "books", 0.2);
  private static final String[] WORDS = {
    "river", "stone", "light", "return", "value", "class", "chapter", "market", "signal", "quiet", "north",
    "window", "paper", "garden", "engine", "letter", "winter", "string", "number", "sound"};

  private static SparkSession spark;
  private static Tokenizer tokenizer;
  private static int eot;
  private static final Map<String, String> INPUTS = new TreeMap<>();
  private static final Map<String, List<String>> TEXTS = new TreeMap<>();

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start(MixJobTest.class);
    tokenizer = Tokenizers.load("tiktoken:r50k_base");
    eot = tokenizer.specialTokens().get("<|endoftext|>");
    source("web", 400, 10, 50);
    source("code", 90, 5, 30);
    source("books", 120, 10, 40);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** {@code n} documents of {@code min} to {@code max} words, each text starting with the source's name. */
  private static void source(String name, int n, int min, int max) {
    List<String[]> docs = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder(name + " " + i + ":");
      int words = min + (i * 13) % (max - min + 1);
      for (int w = 0; w < words; w++) {
        text.append(' ').append(WORDS[(i * 7 + w * 3 + name.length()) % WORDS.length]);
      }
      docs.add(new String[] {String.format(Locale.ROOT, "%s-%04d", name, i), text.toString()});
      texts.add(text.toString());
    }
    String dir = tmp.resolve(name).toString();
    Corpus.write(spark, docs, dir);
    INPUTS.put(name, dir);
    TEXTS.put(name, texts);
  }

  private static TokenizeSettings settings() {
    SettingsReader r = ConfigLayers.load(Optional.empty(), List.of("tokenize.tokenizer=\"tiktoken:r50k_base\"",
        "tokenize.seq-len=" + SEQ_LEN, "tokenize.val-fraction=0.1", "tokenize.seed=" + SEED,
        "tokenize.rows-per-shard=" + ROWS_PER_SHARD, "tokenize.rows-per-row-group=8", "tokenize.pack-partitions=4",
        "tokenize.remainder=pad"), TokenizeSettings.SCHEMA).reader();
    TokenizeSettings s = TokenizeSettings.read(r);
    r.finish();
    return s;
  }

  private static MixSettings threeSources() {
    return new MixSettings(List.of(new MixSource("web", INPUTS.get("web"), 0.5),
        new MixSource("code", INPUTS.get("code"), 0.3), new MixSource("books", INPUTS.get("books"), 0.2)),
        OptionalLong.of(BUDGET));
  }

  private static Manifest manifest(String dir) throws IOException {
    return ManifestFile.parse(Files.readAllBytes(Path.of(dir, "manifest.json")), dir);
  }

  /** A document found in the shards: its text and the shards its tokens lie in. */
  private record Found(String split, String text, int tokens, Set<Long> shards) {
    String source() {
      return text.substring(0, text.indexOf(' '));
    }
  }

  /** Every document of the shards, found by undoing the row shuffle and cutting at end-of-text ids. */
  private static List<Found> documents(String dir) {
    List<Found> found = new ArrayList<>();
    for (String split : TokenizeJob.SPLITS) {
      List<Row> rows = new ArrayList<>(spark.read().parquet(dir + "/" + split).collectAsList());
      SeededPermutation shuffle = new SeededPermutation(rows.size(), SEED);
      rows.sort(Comparator.comparingLong(r -> shuffle.inverse(r.getLong(2))));
      List<Integer> ids = new ArrayList<>();
      Set<Long> shards = new HashSet<>();
      for (Row row : rows) {
        long shard = row.getLong(2) / ROWS_PER_SHARD;
        for (int id : TokenCodec.decode((byte[]) row.get(0))) {
          if (id != eot) {
            ids.add(id);
            shards.add(shard);
          } else if (!ids.isEmpty()) {
            int[] doc = ids.stream().mapToInt(Integer::intValue).toArray();
            found.add(new Found(split, tokenizer.decode(doc), doc.length + 1, Set.copyOf(shards)));
            ids.clear();
            shards.clear();
          } // else padding, or a pack group's end
        }
      }
      assertTrue(ids.isEmpty(), "the stream ends with an end-of-text id");
    }
    return found;
  }

  @Test
  void tokenSharesFollowTheWeightsWithinOnePercentAndRunsRepeatExactly() throws IOException {
    String first = tmp.resolve("mix-1").toString();
    TokenizeReport report = TokenizeJob.run(spark, settings(), threeSources(), first, false);
    Manifest manifest = manifest(first);
    List<Found> found = documents(first);

    Map<String, Long> tokens = new TreeMap<>();
    found.forEach(f -> tokens.merge(f.source(), (long) f.tokens(), Long::sum));
    Map<String, Manifest.Source> recorded = new TreeMap<>();
    manifest.sources().forEach(s -> recorded.put(s.name(), s));
    assertEquals(List.of("web", "code", "books"), manifest.sources().stream().map(Manifest.Source::name).toList());
    for (String source : WEIGHTS.keySet()) {
      double target = BUDGET * WEIGHTS.get(source);
      double error = Math.abs(tokens.get(source) - target) / target;
      System.out.printf(Locale.ROOT, "mix: %-5s %,6d tokens in the shards, target %,8.0f, error %.3f%%, epochs %.4f%n",
          source, tokens.get(source), target, 100 * error, recorded.get(source).epochs());
      assertTrue(error < 0.01, source + ": " + tokens.get(source) + " tokens, target " + target);
      // The manifest's account matches what the shards hold, document for document.
      assertEquals(tokens.get(source), recorded.get(source).tokens(), source);
      assertEquals(found.stream().filter(f -> f.source().equals(source)).count(), recorded.get(source).documents());
      assertEquals(TEXTS.get(source).size(), recorded.get(source).inputDocuments(), source);
    }
    assertEquals(manifest.totals().tokens(), tokens.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(manifest.sources(), report.sources());

    // Each document appears a whole number of epochs, or one more time when its partial epoch takes it.
    Map<String, Integer> copies = new HashMap<>();
    Map<String, String> splitOf = new HashMap<>();
    for (Found f : found) {
      copies.merge(f.text(), 1, Integer::sum);
      String before = splitOf.put(f.text(), f.split());
      assertTrue(before == null || before.equals(f.split()), "copies of a document stay in one split: " + f.text());
    }
    Map<String, int[]> range = Map.of("web", new int[] {0, 1}, "code", new int[] {4, 5}, "books", new int[] {1, 2});
    for (String source : WEIGHTS.keySet()) {
      double epochs = recorded.get(source).epochs();
      int whole = (int) Math.floor(epochs);
      assertEquals(range.get(source)[0], whole, source + " epochs " + epochs);
      int[] times = new int[whole + 2];
      for (String text : TEXTS.get(source)) {
        int n = copies.getOrDefault(text, 0);
        assertTrue(n == whole || n == whole + 1, source + " document repeated " + n + " times: " + text);
        times[n]++;
      }
      assertTrue(times[whole] > 0 && times[whole + 1] > 0, source + ": a partial epoch takes some, not all");
    }

    // Sources are interleaved: every full train shard holds documents of all three.
    Map<Long, Set<String>> sourcesByShard = new TreeMap<>();
    for (Found f : found) {
      if (f.split().equals(TokenizeJob.TRAIN)) {
        f.shards().forEach(s -> sourcesByShard.computeIfAbsent(s, k -> new HashSet<>()).add(f.source()));
      }
    }
    assertTrue(sourcesByShard.size() >= 8, "shards: " + sourcesByShard.keySet());
    long fullShards = manifest.splits().get(TokenizeJob.TRAIN).rows() / ROWS_PER_SHARD;
    sourcesByShard.forEach((shard, sources) -> {
      if (shard < fullShards) {
        assertEquals(WEIGHTS.keySet(), sources, "train shard " + shard);
      } else {
        assertTrue(sources.size() >= 2, "the last, short train shard: " + sources);
      }
    });

    TokenizeVerifier.Result verified = TokenizeVerifier.verify(new org.apache.hadoop.conf.Configuration(), first);
    assertTrue(verified.ok(), verified.problems().toString());

    // A second run writes the same shards, byte for byte.
    String second = tmp.resolve("mix-2").toString();
    TokenizeJob.run(spark, settings(), threeSources(), second, false);
    assertEquals(manifest, manifest(second));
  }

  @Test
  void aSingleSourceWithoutABudgetWritesTheShardsOfTheSingleInputPath() throws IOException {
    String old = tmp.resolve("single-old").toString();
    String mixed = tmp.resolve("single-mix").toString();
    TokenizeJob.run(spark, settings(), INPUTS.get("books"), old);
    TokenizeJob.run(spark, settings(),
        new MixSettings(List.of(new MixSource("books", INPUTS.get("books"), 0.2)), OptionalLong.empty()), mixed, false);
    Manifest before = manifest(old);
    Manifest after = manifest(mixed);
    assertNull(before.sources());
    assertEquals(before.splits(), after.splits()); // the same rows, in files of the same SHA-256
    assertEquals(before.totals(), after.totals());
    for (String split : TokenizeJob.SPLITS) {
      for (Manifest.Shard shard : before.splits().get(split).shards()) {
        assertTrue(Arrays.equals(Files.readAllBytes(Path.of(old, shard.path())),
            Files.readAllBytes(Path.of(mixed, shard.path()))), shard.path());
      }
    }
    assertEquals(List.of(new Manifest.Source("books", INPUTS.get("books"), 0.2, 120, before.totals().tokens(), 1.0,
        120, before.totals().tokens())), after.sources());
  }

  @Test
  void aBudgetDownsamplesASingleSourceToASeededSubset() throws IOException {
    String out = tmp.resolve("budget").toString();
    MixSettings mix = new MixSettings(List.of(new MixSource("web", INPUTS.get("web"), 1)), OptionalLong.of(5_000));
    TokenizeJob.run(spark, settings(), mix, out, false);
    List<Found> found = documents(out);
    long tokens = found.stream().mapToLong(Found::tokens).sum();
    assertTrue(Math.abs(tokens - 5_000) <= 30, tokens + " tokens"); // within half of the longest document
    assertEquals(found.size(), found.stream().map(Found::text).distinct().count(), "no document twice");
    assertNotEquals(0, found.size());
  }

  @Test
  void aSourceWithoutDocumentsIsRefusedByName() {
    String empty = tmp.resolve("empty").toString();
    Corpus.write(spark, List.of(), empty);
    MixSettings mix = new MixSettings(List.of(new MixSource("web", INPUTS.get("web"), 1),
        new MixSource("nothing", empty, 1)), OptionalLong.empty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenizeJob.run(spark, settings(), mix, tmp.resolve("refused").toString(), false));
    assertTrue(e.getMessage().startsWith("tokenize.mix source 'nothing' (" + empty + ") holds no documents"),
        e.getMessage());
  }
}
