package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.common.testing.WarcFixture;
import dev.pretrain.dedup.CurateSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crawl's WARC through the whole curate job: the pages, and only the pages, come out as text. */
class WarcCurateTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(WarcCurateTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><title>" + title + "</title></head><body>"
        + "<nav><a href=\"/\">Home</a> <a href=\"/about\">About</a> <a href=\"/contact\">Contact</a></nav>"
        + "<article><h1>" + title + "</h1><p>" + body + "</p></article>"
        + "<footer>Copyright 2026 Example Corp. All rights reserved.</footer></body></html>";
  }

  private static CurateReport curate(Path input, Path output, String... sets) throws IOException {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return new CurateJob(spark, settings).run(List.of(input.toString()), output.toString(), false);
  }

  @Test
  void withFiltersAndDedupOffEveryHtml200ResponseIsOneDocumentWithItsUrl(@TempDir Path dir) throws IOException {
    String same = "The same short body on two pages.";
    WarcFixture warc = new WarcFixture()
        .warcinfo()
        .request("https://a.example/one")
        .html("https://a.example/one", "text/html; charset=utf-8", page("One", "First page, café.").getBytes(StandardCharsets.UTF_8))
        .metadata("https://a.example/one")
        .html("https://a.example/two", "text/html", page("Two", same).getBytes(StandardCharsets.UTF_8))
        .html("https://b.example/two-again", "text/html", page("Two", same).getBytes(StandardCharsets.UTF_8))
        .response("https://a.example/gone", 404, List.of("Content-Type: text/html"), "<p>Not here</p>".getBytes(StandardCharsets.UTF_8))
        .response("https://a.example/a.pdf", 200, List.of("Content-Type: application/pdf"), "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))
        .revisit("https://a.example/one");
    Path input = Files.write(dir.resolve("crawl.warc.gz"), warc.gzipPerRecord());
    CurateReport report = curate(input, dir.resolve("out"), "curate.filter.enabled=false", "curate.dedup.enabled=false");

    List<Row> documents = spark.read().parquet(dir.resolve("out/documents").toString()).orderBy("url").collectAsList();
    assertEquals(List.of("https://a.example/one", "https://a.example/two", "https://b.example/two-again"),
        documents.stream().map(r -> r.getString(r.fieldIndex("url"))).toList());
    for (Row doc : documents) {
      String text = doc.getString(doc.fieldIndex("text"));
      assertFalse(text.contains("<"), text);
      Map<String, String> meta = doc.getJavaMap(doc.fieldIndex("meta"));
      assertTrue(text.contains(meta.get("title")), text);
      assertTrue(meta.containsKey("warc_date") && meta.containsKey("warc_record_id") && meta.containsKey("charset"), meta.toString());
    }
    assertTrue(documents.get(0).getString(documents.get(0).fieldIndex("text")).contains("First page, café."));
    assertEquals(3, report.recordsIn());
    assertEquals(3, report.kept());
    assertEquals(0, report.duplicatesRemoved());
    Map<String, Long> counts = report.inputFiles().counts();
    assertEquals(3L, counts.get("warc.html-responses"));
    assertEquals(1L, counts.get("warc.skipped.response-not-200"));
    assertEquals(1L, counts.get("warc.skipped.response-not-html"));
    assertEquals(1L, counts.get("warc.skipped.revisit"));
    // Short pages: the main pass finds under min-main-chars, and the fallback renders the pruned page.
    assertEquals(3L, report.cleanCounts().getOrDefault("extract.path.main", 0L)
        + report.cleanCounts().getOrDefault("extract.path.fallback", 0L));
  }

  @Test
  void theFilterAndDedupMasterSwitchesAreWhatTurnsThemOff(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("{\"id\": \"a\", \"text\": \"Too short to pass Gopher's fifty words.\"}");
    lines.add("{\"id\": \"b\", \"text\": \"Too short to pass Gopher's fifty words.\"}");
    Path input = Files.write(dir.resolve("in.jsonl"), lines, StandardCharsets.UTF_8);
    CurateReport on = curate(input, dir.resolve("on"));
    assertEquals(0, on.kept());
    CurateReport off = curate(input, dir.resolve("off"), "curate.filter.enabled=false", "curate.dedup.enabled=false");
    assertEquals(2, off.kept());
    CurateReport dedupOnly = curate(input, dir.resolve("dedup"), "curate.filter.enabled=false");
    assertEquals(1, dedupOnly.kept());
    assertEquals(1, dedupOnly.exactDuplicatesRemoved());
  }
}
