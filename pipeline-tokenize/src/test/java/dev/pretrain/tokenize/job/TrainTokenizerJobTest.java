package dev.pretrain.tokenize.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.tokenize.shards.Corpus;
import dev.pretrain.tokenize.train.BpeTrainer;
import dev.pretrain.tokenize.train.PreTokenCounter;
import dev.pretrain.tokenize.train.TokenizerJsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainTokenizerJobTest {
  private static SparkSession spark;
  private static List<String[]> docs;
  private static String input;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(TrainTokenizerJobTest.class);
    docs = Corpus.documents(80);
    input = tmp.resolve("documents").toString();
    Corpus.write(spark, docs, input);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static TrainTokenizerSettings settings(String... overrides) {
    List<String> all = new ArrayList<>(List.of("train-tokenizer.vocab-size=320", "train-tokenizer.min-frequency=2",
        "train-tokenizer.held-out-fraction=0.2", "train-tokenizer.sample-fraction=0.9"));
    all.addAll(List.of(overrides));
    SettingsReader r = ConfigLayers.load(Optional.empty(), all, TrainTokenizerSettings.SCHEMA).reader();
    TrainTokenizerSettings s = TrainTokenizerSettings.read(r);
    r.finish();
    return s;
  }

  @Test
  void trainsTheSameFileAsTheSingleMachineTrainerOnTheSameDocuments() throws IOException {
    TrainTokenizerSettings settings = settings();
    String out = tmp.resolve("same/tokenizer.json").toString();
    TrainTokenizerReport report = TrainTokenizerJob.run(spark, settings, input, out, false);

    PreTokenCounter counter = new PreTokenCounter(settings.splitPattern().splitter());
    long training = 0;
    long heldOut = 0;
    for (String[] d : docs) {
      if (DocumentChoice.trains(d[0], 0.9, 0.2)) {
        counter.add(d[1]);
        training++;
      } else if (DocumentChoice.heldOut(d[0], 0.2)) {
        heldOut++;
      }
    }
    Map<String, Long> frequent = new TreeMap<>();
    counter.counts().forEach((w, n) -> {
      if (n >= 2) {
        frequent.put(w, n);
      }
    });
    byte[] expected = TokenizerJsonWriter.toBytes(new BpeTrainer(settings.trainerOptions()).train(frequent));
    assertArrayEquals(expected, Files.readAllBytes(Path.of(out)));

    assertEquals(docs.size(), report.documents());
    assertEquals(training, report.trainingDocuments());
    assertEquals(heldOut, report.heldOutDocuments());
    assertTrue(heldOut > 0 && training > heldOut, "a few held out: " + heldOut);
    assertEquals(counter.counts().size(), report.distinctWords());
    assertEquals(frequent.size(), report.wordsKept());
    assertEquals(320, report.vocabSize());
    assertEquals(320 - 256 - 1, report.merges());
    assertTrue(report.heldOutBytesPerToken() > 1.0, "merges compress: " + report.heldOutBytesPerToken());
  }

  @Test
  void isDeterministicAndLoadsBackWithTokenizers() throws IOException {
    String a = tmp.resolve("a/tokenizer.json").toString();
    String b = tmp.resolve("b/tokenizer.json").toString();
    TrainTokenizerJob.run(spark, settings("train-tokenizer.split-pattern=cl100k"), input, a, false);
    TrainTokenizerReport rb = TrainTokenizerJob.run(spark, settings("train-tokenizer.split-pattern=cl100k"), input, b, false);
    assertArrayEquals(Files.readAllBytes(Path.of(a)), Files.readAllBytes(Path.of(b)));
    Tokenizer tokenizer = Tokenizers.load(a);
    assertEquals(rb.sha256(), tokenizer.sha256());
    assertEquals(0, tokenizer.specialTokens().get("<|endoftext|>"));
    for (String[] d : docs.subList(0, 10)) {
      assertEquals(d[1], tokenizer.decode(tokenizer.encodeOrdinary(d[1])));
    }
    try (var files = Files.list(Path.of(a).getParent())) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  @Test
  void capsTheDistinctWordsCollectedToTheDriver() throws IOException {
    TrainTokenizerReport report = TrainTokenizerJob.run(spark,
        settings("train-tokenizer.max-distinct-words=5"), input, tmp.resolve("cap/tokenizer.json").toString(), false);
    assertEquals(5, report.wordsKept());
    assertTrue(report.distinctWords() > 5);
  }

  @Test
  void missingTextColumnGivesAClearError() {
    String dir = tmp.resolve("no-text").toString();
    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("a")),
        new org.apache.spark.sql.types.StructType().add("id", "string")).write().parquet(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainTokenizerJob.run(spark, settings(), dir, tmp.resolve("x/tokenizer.json").toString(), false));
    assertTrue(e.getMessage().contains("missing column 'text'"), e.getMessage());
  }
}
