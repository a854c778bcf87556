package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A curate run whose tasks fail on their first attempt and are retried writes exactly what a run
 * without failures writes. Its own session: {@code local[2,3]} lets each task fail up to twice.
 */
class TaskRetryDeterminismTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder()
        .master("local[2,3]")
        .appName(TaskRetryDeterminismTest.class.getSimpleName())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.hadoop.fs.file.impl", FlakyLocalFileSystem.class.getName())
        .config("spark.hadoop.fs.file.impl.disable.cache", "true")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String line(String id, String text) throws IOException {
    return JSON.writeValueAsString(Map.of("id", id, "text", text, "source", "test"));
  }

  private static String nearCopy(String text) {
    String[] words = text.split(" ");
    for (int i = 50; i < words.length; i += 100) {
      words[i] = "CHANGED" + i;
    }
    return String.join(" ", words);
  }

  /** Two input files with duplicates across them, a filtered document and a malformed line. */
  private static void corpus(Path dir) throws IOException {
    List<String> brown = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(Path.of("../jobs/sample/corpus/brown.jsonl.gz"))), StandardCharsets.UTF_8))) {
      for (int i = 0; i < 4; i++) {
        brown.add(JSON.readTree(in.readLine()).get("text").asText());
      }
    }
    Files.createDirectories(dir);
    Files.write(dir.resolve("one.jsonl"), List.of(line("b0", brown.get(0)), line("b1", brown.get(1)),
        line("b2", brown.get(2)), "{broken json"), StandardCharsets.UTF_8);
    Files.write(dir.resolve("two.jsonl"), List.of(line("a-exact-of-b1", brown.get(1).replace("the ", "The ")),
        line("z-near-of-b2", nearCopy(brown.get(2))), line("b3", brown.get(3)),
        line("short", "Too short to be a document.")), StandardCharsets.UTF_8);
  }

  private static void run(Path input, Path output) throws IOException {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of("read.max-bad-fraction=0.2"), CurateSettings.SCHEMA);
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    new CurateJob(spark, settings, config.portable()).run(List.of(input.toString()), output.toString(), false);
  }

  private static List<Row> rows(Path output, String part) {
    var table = spark.read().parquet(output.resolve(part).toString());
    // Read rejects may share no id; file and offset name every input record.
    return (part.equals("rejected") ? table.orderBy("file", "offset") : table.orderBy("id")).collectAsList();
  }

  @Test
  void aRunWithFailedAndRetriedTasksWritesTheSameOutput(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in");
    corpus(input);
    FlakyLocalFileSystem.failing = null;
    run(input, dir.resolve("steady"));
    FlakyLocalFileSystem.failing = "two.jsonl";
    try {
      run(input, dir.resolve("flaky"));
    } finally {
      FlakyLocalFileSystem.failing = null;
    }
    assertTrue(FlakyLocalFileSystem.FAILURES.get() > 0, "no task failed: the test injected nothing");

    for (String part : List.of("documents", "rejected", "dedup/clusters", "dedup/index")) {
      assertEquals(rows(dir.resolve("steady"), part), rows(dir.resolve("flaky"), part), part);
      assertEquals(partFiles(dir.resolve("steady/" + part)), partFiles(dir.resolve("flaky/" + part)), part);
    }
    assertEquals(4, rows(dir.resolve("flaky"), "documents").size());
    assertEquals(2, rows(dir.resolve("flaky"), "rejected").size());
  }

  private static long partFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")).count();
    }
  }
}
