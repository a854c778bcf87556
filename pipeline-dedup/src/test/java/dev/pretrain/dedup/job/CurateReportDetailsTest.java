package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.testing.ReferenceConf;
import dev.pretrain.common.io.InputFingerprint;
import dev.pretrain.dedup.CurateSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json's details from a whole curate run agree with the report's own counts. */
class CurateReportDetailsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(CurateReportDetailsTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void theDetailsAddUpToTheReportsCounts(@TempDir Path dir) throws IOException {
    List<String> brown = BrownTexts.first(6);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < brown.size(); i++) {
      lines.add(BrownTexts.line("b" + i, brown.get(i)));
    }
    lines.add(BrownTexts.line("c-copy-of-b1", brown.get(1)));
    lines.add(BrownTexts.line("z-near-of-b2", BrownTexts.nearCopy(brown.get(2))));
    lines.add(BrownTexts.line("short", "Too short to be a document. <script>x</script>"));
    lines.add(BrownTexts.line("repeated", "The same line again and again here.\n".repeat(40)));
    lines.add("{broken json");
    Path input = dir.resolve("in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path out = dir.resolve("curated");
    CurateSettings settings = ReferenceConf.curate("read.max-bad-fraction=0.2");
    CurateReport report = new CurateJob(spark, settings).run(List.of(input.toString()), out.toString(), false);

    JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
    // What was read and how: the tokenize manifest's fingerprint of the same input and settings.
    assertEquals(InputFingerprint.of(List.of(input.toString()), spark.sparkContext().hadoopConfiguration(),
        settings.toString()), json.get("input_fingerprint").asText());
    assertEquals(settings.toString(), json.get("config").asText());
    // CPU per phase, for the phases timed; the per-document phase ran tasks.
    List<String> phases = new ArrayList<>();
    json.get("seconds_by_phase").fieldNames().forEachRemaining(phases::add);
    List<String> cpuPhases = new ArrayList<>();
    json.get("cpu_seconds_by_phase").fieldNames().forEachRemaining(cpuPhases::add);
    assertEquals(phases, cpuPhases);
    assertTrue(json.at("/cpu_seconds_by_phase/read+clean+filter").asDouble() > 0, json.get("cpu_seconds_by_phase").toString());
    // Shuffle and spill bytes for the same phases; writing the documents shuffles their text by id.
    for (String field : List.of("shuffle_bytes_by_phase", "spilled_bytes_by_phase")) {
      List<String> keys = new ArrayList<>();
      json.get(field).fieldNames().forEachRemaining(keys::add);
      assertEquals(phases, keys, field);
    }
    assertTrue(json.at("/shuffle_bytes_by_phase/write").asLong() > 0, json.get("shuffle_bytes_by_phase").toString());
    JsonNode details = json.get("details");
    JsonNode funnel = details.get("funnel");
    assertEquals("records in", funnel.get(0).get("step").asText());
    assertEquals(report.recordsIn(), funnel.get(0).get("documents").asLong());
    JsonNode last = funnel.get(funnel.size() - 1);
    assertEquals("kept", last.get("step").asText());
    assertEquals(report.kept(), last.get("documents").asLong());
    assertEquals(report.bytesOut(), last.get("text_bytes").asLong());
    long removed = 0;
    for (JsonNode row : funnel) {
      removed += row.get("removed_documents").asLong();
    }
    assertEquals(report.recordsIn() - report.kept(), removed);
    assertEquals(report.exactDuplicatesRemoved(), row(funnel, "exact dedup").get("removed_documents").asLong());
    assertEquals(report.nearDuplicatesRemoved(), row(funnel, "near dedup").get("removed_documents").asLong());
    assertEquals(1, row(funnel, "read").get("removed_documents").asLong());

    // Each measure's dropped documents are its rules' rejects; each bin list sums to what reached it.
    JsonNode byReason = json.get("rejected_by_reason").get("filter");
    long measuredDrops = 0;
    for (JsonNode filter : details.get("filters")) {
      long binned = 0;
      long dropped = 0;
      for (JsonNode bin : filter.get("bins")) {
        binned += bin.get("passed").asLong() + bin.get("dropped").asLong();
        dropped += bin.get("dropped").asLong();
      }
      assertEquals(filter.get("reached").asLong(), binned, filter.get("measure").asText());
      long rejects = 0;
      for (JsonNode reason : filter.get("reasons")) {
        rejects += byReason.path(reason.asText()).asLong(0);
      }
      assertEquals(rejects, dropped, filter.get("measure").asText());
      measuredDrops += dropped;
    }
    assertTrue(measuredDrops >= 2, "the short and the repeated document are dropped by measured rules");
    JsonNode words = details.get("filters").findParents("measure").stream()
        .filter(f -> f.get("measure").asText().equals("gopher-quality/word-count")).findFirst().orElseThrow();
    assertEquals(50.0, words.get("threshold").asDouble());

    long reached = 0;
    long kept = 0;
    for (JsonNode lang : details.get("languages")) {
      reached += lang.get("reached").asLong();
      kept += lang.get("kept").asLong();
    }
    assertEquals(report.kept(), kept);
    assertTrue(reached >= report.kept() + report.duplicatesRemoved());

    JsonNode clusters = details.get("clusters");
    long members = 0;
    for (JsonNode bin : clusters.get("size_bins")) {
      members += bin.get("members").asLong();
    }
    assertEquals(CurateJobTest.stage(report, "clusters").get("members"), members);
    assertEquals(CurateJobTest.stage(report, "clusters").get("singletons"), clusters.get("singletons").asLong());
    assertEquals(2, clusters.get("largest").size());
    assertTrue(details.get("rejection_examples").size() >= 2);
    System.out.println("details: " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(details).length()
        + " chars for " + report.recordsIn() + " records");
  }

  private static JsonNode row(JsonNode funnel, String step) {
    for (JsonNode row : funnel) {
      if (row.get("step").asText().equals(step)) {
        return row;
      }
    }
    throw new AssertionError("no funnel row " + step + " in " + funnel);
  }
}
