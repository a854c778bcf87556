package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  /** Two input files with duplicates across them, a filtered document and a malformed line. */
  private static void corpus(Path dir) throws IOException {
    List<String> brown = BrownTexts.first(4);
    Files.createDirectories(dir);
    Files.write(dir.resolve("one.jsonl"), List.of(BrownTexts.line("b0", brown.get(0)), BrownTexts.line("b1", brown.get(1)),
        BrownTexts.line("b2", brown.get(2)), "{broken json"), StandardCharsets.UTF_8);
    Files.write(dir.resolve("two.jsonl"), List.of(BrownTexts.line("a-exact-of-b1", brown.get(1).replace("the ", "The ")),
        BrownTexts.line("z-near-of-b2", BrownTexts.nearCopy(brown.get(2))), BrownTexts.line("b3", brown.get(3)),
        BrownTexts.line("short", "Too short to be a document.")), StandardCharsets.UTF_8);
  }

  private static void run(Path input, Path output) throws IOException {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of("read.max-bad-fraction=0.2"), CurateSettings.SCHEMA);
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    new CurateJob(spark, settings).run(List.of(input.toString()), output.toString(), false);
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
