package dev.pretrain.jobs.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.common.testing.LocalSpark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    // Not a corpus file: must be ignored by the glob filter.
    Files.writeString(dir.resolve("README.md"), "# not data\n");

    InputSurvey survey = InputSurvey.of(spark, dir.toString());

    assertEquals(5, survey.records());
    assertEquals(1, survey.malformed());
    assertEquals(3 + 3 + 4 + 1 + 5, survey.textBytes()); // "hé" is 3 UTF-8 bytes
    assertEquals(Map.of("web", 2L, "mail", 2L, "(none)", 1L), survey.recordsBySource());
    assertEquals(List.of("mail", "web", "(none)"), List.copyOf(survey.recordsBySource().keySet()));
  }
}
