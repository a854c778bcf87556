package dev.pretrain.dedup.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** The curate job with paragraph dedup on: what goes, what is rejected, and that every record and byte is accounted for. */
class ParagraphDedupCurateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Long enough, and prose enough, for a page of it and a line of its own to pass the filters. */
  private static final String DISCLAIMER = "The opinions expressed in the articles on this website are those of"
      + " their authors and do not necessarily reflect the views of the editors. We try to keep the information"
      + " on these pages accurate and up to date, but we cannot accept any responsibility for errors or for the"
      + " way in which the information is used by our readers. Please contact the editors if you find a mistake.";
  private static final String THANKS = "Many thanks to our readers for their letters this week.";
  private static SparkSession spark;
  private static List<String> brown;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start(ParagraphDedupCurateTest.class);
    brown = BrownTexts.first(5);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Path input(Path dir, String name, Map<String, String> documents) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, String> d : documents.entrySet()) {
      lines.add(BrownTexts.line(d.getKey(), d.getValue()));
    }
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static CurateReport curate(Path input, Path output, Optional<Path> against, String... sets) throws IOException {
    return new CurateJob(spark, ReferenceConf.curate(sets))
        .run(List.of(input.toString()), output.toString(), false, against.map(Path::toString));
  }

  private static Map<String, String> texts(Path documents) {
    Map<String, String> out = new TreeMap<>();
    spark.read().parquet(documents.toString()).select("id", "text").collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }

  @Test
  void removesTheSharedDisclaimerRejectsWhatIsLeftTooShortAndAccountsForEveryRecordAndByte(@TempDir Path dir)
      throws IOException {
    Map<String, String> documents = new TreeMap<>();
    for (int i = 0; i < 4; i++) {
      documents.put("b" + i, brown.get(i) + "\n\n" + DISCLAIMER);
    }
    documents.put("z-mostly-disclaimer", THANKS + "\n\n" + DISCLAIMER);
    Path out = dir.resolve("curated");
    CurateReport report = curate(input(dir, "in", documents), out, Optional.empty(),
        "curate.paragraph-dedup.enabled=true");

    // b0 keeps the one occurrence; z's own line is too short for the filters once alone.
    Map<String, String> kept = texts(out.resolve("documents"));
    assertEquals(Map.of("b0", brown.get(0) + "\n\n" + DISCLAIMER, "b1", brown.get(1), "b2", brown.get(2),
        "b3", brown.get(3)), kept);
    Row rejected = spark.read().parquet(out.resolve("rejected").toString()).collectAsList().get(0);
    assertEquals(List.of("z-mostly-disclaimer", "paragraph-dedup", THANKS + "\n\n" + DISCLAIMER),
        List.of(rejected.getAs("id"), rejected.getAs("stage"), rejected.getAs("text")));
    assertTrue(rejected.<String>getAs("reason").startsWith("gopher-"), rejected.toString());

    assertEquals(5, report.recordsIn());
    assertEquals(4, report.kept());
    assertEquals(Map.of("paragraph-dedup", 1L), report.rejectedByStage());
    assertTrue(report.balances());
    CurateJobTest.assertCorpusStagesAddUp(report);
    assertEquals(kept.values().stream().mapToLong(Utf8Bytes::of).sum(), report.bytesOut());
    StageCounters stage = CurateJobTest.stage(report, "paragraph-dedup");
    long disclaimer = Utf8Bytes.of("\n\n" + DISCLAIMER);
    assertEquals(Map.of("units_seen", documents.values().stream().mapToLong(ParagraphDedupCurateTest::paragraphs)
        .sum(), "units_repeated", 1L, "units_removed", 4L, "bytes_removed", 4 * disclaimer, "documents_changed", 4L,
        "documents_removed", 1L), stage.counts());

    JsonNode details = JSON.readTree(Files.readString(out.resolve("report.json")))
        .path("corpus_stage_details").path("paragraph-dedup");
    assertEquals(DISCLAIMER.substring(0, 200) + "…", details.path("most_repeated").path(0).path("text").asText());
    assertEquals(5, details.path("most_repeated").path(0).path("documents").asLong());
    assertEquals(4, details.path("most_repeated").path(0).path("removed_from").asLong());
  }

  private static long paragraphs(String text) {
    return dev.pretrain.dedup.paragraphs.TextUnits.split(text, dev.pretrain.dedup.paragraphs.TextUnits.Unit.PARAGRAPH)
        .count();
  }

  @Test
  void aRefreshAddsThePreviousCountsSoBoilerplateAlreadyCommonGoes(@TempDir Path dir) throws IOException {
    // Two documents hold the disclaimer: under min-documents = 3, it stays in both.
    Path first = dir.resolve("first");
    curate(input(dir, "first", Map.of("b0", brown.get(0) + "\n\n" + DISCLAIMER, "b1", brown.get(1) + "\n\n" + DISCLAIMER)),
        first, Optional.empty(), "curate.paragraph-dedup.enabled=true");
    assertEquals(2L, spark.read().parquet(first.resolve("dedup/paragraphs").toString()).agg(max("documents")).first()
        .getLong(0));

    // A third document with it: alone it is under the threshold, with the previous two it is not,
    // and the occurrence kept is in the previous corpus.
    Path input = input(dir, "second", Map.of("b2", brown.get(2) + "\n\n" + DISCLAIMER, "b3", brown.get(3)));
    Path alone = dir.resolve("alone");
    curate(input, alone, Optional.empty(), "curate.paragraph-dedup.enabled=true");
    assertEquals(brown.get(2) + "\n\n" + DISCLAIMER, texts(alone.resolve("documents")).get("b2"));

    Path refreshed = dir.resolve("refreshed");
    CurateReport report = curate(input, refreshed, Optional.of(first), "curate.paragraph-dedup.enabled=true");
    assertEquals(Map.of("b2", brown.get(2), "b3", brown.get(3)), texts(refreshed.resolve("documents")));
    assertTrue(report.balances());
    CurateJobTest.assertCorpusStagesAddUp(report);
    assertEquals(1L, CurateJobTest.stage(report, "paragraph-dedup").get("units_removed"));
    // The refresh's counts cover both runs: the disclaimer in three documents, each other
    // paragraph (the Brown texts are distinct) in one.
    var counts = spark.read().parquet(refreshed.resolve("dedup/paragraphs").toString());
    assertEquals(1L, counts.filter(col("documents").equalTo(3)).count());
    assertEquals(0L, counts.filter(col("documents").equalTo(2)).count());
    assertEquals(spark.read().parquet(first.resolve("dedup/paragraphs").toString()).count()
        + spark.read().parquet(alone.resolve("dedup/paragraphs").toString()).count() - 1, counts.count());
  }
}
