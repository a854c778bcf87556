package dev.pretrain.jobs.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.common.testing.LocalSpark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.read.ReadSettings;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSurveyTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(InputSurveyTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void countsRecordsBytesAndMalformedLinesPerSourceAcrossPlainAndGzipFiles(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("a.jsonl"), List.of(
        "{\"id\":\"1\",\"text\":\"abc\",\"source\":\"web\"}",
        "{\"id\":\"2\",\"text\":\"h\u00e9\",\"source\":\"web\"}",
        "{\"id\":\"3\",\"text\":\"four\",\"source\":\"mail\"}",
        "{not json",
        "{\"id\":\"4\",\"text\":\"x\"}"), StandardCharsets.UTF_8);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("b.jsonl.gz")))) {
      out.write("{\"id\":\"5\",\"text\":\"12345\",\"source\":\"mail\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    // Not a corpus file: the reader skips it.
    Files.writeString(dir.resolve("README.md"), "# not data\n");

    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(), ReadSettings.SCHEMA).reader();
    InputSurvey survey = InputSurvey.of(spark, dir.toString(), ReadSettings.read(reader));

    assertEquals(5, survey.records());
    assertEquals(1, survey.malformed());
    assertEquals(3 + 3 + 4 + 1 + 5, survey.textBytes()); // "hé" is 3 UTF-8 bytes
    // A record without a source gets its file's name, as the curate job gives it.
    assertEquals(Map.of("web", 2L, "mail", 2L, "a", 1L), survey.recordsBySource());
    assertEquals(List.of("mail", "web", "a"), List.copyOf(survey.recordsBySource().keySet()));
  }
}
