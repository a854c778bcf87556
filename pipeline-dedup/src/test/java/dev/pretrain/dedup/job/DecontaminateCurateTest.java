package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole curate job with decontamination on: what it removes are rejects of its stage, and the counts add up. */
class DecontaminateCurateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(DecontaminateCurateTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Words {@code from} to {@code from + n} of a text, split at whitespace. */
  private static String words(String text, int from, int n) {
    return String.join(" ", Arrays.asList(text.trim().split("\\s+")).subList(from, from + n));
  }

  @Test
  void removedDocumentsAreRejectsOfTheStageAndTheCountsAddUp(@TempDir Path dir) throws IOException {
    List<String> brown = BrownTexts.first(6);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lines.add(BrownTexts.line("b" + i, brown.get(i)));
    }
    lines.add(BrownTexts.line("copy-of-b4", brown.get(4))); // an exact duplicate: dedup removes it first
    Path input = dir.resolve("in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    // b1's words verbatim; b3's upper-cased; b4's (whose copy dedup removed); one item in no document.
    List<String> items = List.of(
        JSON.writeValueAsString(Map.of("question", words(brown.get(1), 100, 30))),
        JSON.writeValueAsString(Map.of("question", words(brown.get(3), 200, 20).toUpperCase())),
        JSON.writeValueAsString(Map.of("question", words(brown.get(4), 50, 13))),
        JSON.writeValueAsString(Map.of("question", "an item made up for this test that no page of the brown corpus holds at all")));
    Path set = dir.resolve("eval.jsonl");
    Files.write(set, items, StandardCharsets.UTF_8);
    Path out = dir.resolve("curated");

    CurateReport report = new CurateJob(spark, ReferenceConf.curate(
        "curate.decontaminate.sets=[{name=eval, path=\"" + set + "\", fields=[question]}]"))
        .run(List.of(input.toString()), out.toString(), false, Optional.empty());

    Map<String, String> documents = new TreeMap<>();
    spark.read().parquet(out.resolve("documents").toString()).collectAsList()
        .forEach(r -> documents.put(r.getString(0), r.getString(1)));
    assertEquals(List.of("b0", "b2", "b5"), List.copyOf(documents.keySet()));
    Map<String, String> rejected = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve("rejected").toString()).collectAsList()) {
      rejected.put(r.getString(0), r.getString(7) + " " + r.getString(8));
      assertEquals(brown.get(Integer.parseInt(r.getString(0).substring(1))), r.getString(1)); // the text as it came in
    }
    assertEquals(Map.of("b1", "decontaminate decontaminate/eval", "b3", "decontaminate decontaminate/eval",
        "b4", "decontaminate decontaminate/eval"), rejected);

    assertEquals(7, report.recordsIn());
    assertEquals(report.recordsIn(), report.kept() + report.rejected() + report.duplicatesRemoved());
    assertTrue(report.balances());
    CurateJobTest.assertCorpusStagesAddUp(report);
    assertEquals(Map.of("decontaminate", 3L), report.rejectedByStage());
    assertEquals(1, report.exactDuplicatesRemoved());
    // 30 words: 18 13-grams; 20 words: 8; 13 words: 1.
    assertEquals(Map.of("documents", 6L, "documents_matched", 3L, "ngram_matches", 27L, "documents_removed", 3L,
        "documents_redacted", 0L, "bytes_redacted", 0L), CurateJobTest.stage(report, "decontaminate").counts());

    JsonNode json = JSON.readTree(report.toJson());
    JsonNode eval = json.get("corpus_stage_details").get("decontaminate").get("sets").get("eval");
    assertEquals(4, eval.get("items").asLong());
    assertEquals(3, eval.get("documents_matched").asLong());
    List<String> matched = new ArrayList<>();
    spark.read().parquet(out.resolve("decontamination").toString()).select("id").distinct().orderBy("id")
        .collectAsList().forEach(r -> matched.add(r.getString(0)));
    assertEquals(List.of("b1", "b3", "b4"), matched);
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }
}
