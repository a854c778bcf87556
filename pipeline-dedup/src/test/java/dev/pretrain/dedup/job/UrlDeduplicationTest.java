package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.testing.GroupBuffering;
import dev.pretrain.dedup.testing.ReferenceConf;
import dev.pretrain.dedup.url.UrlFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL dedup: the stage on a tiny table with every survivor known, and a curate run whose report adds up. */
class UrlDeduplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(UrlDeduplicationTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static final StructType PASSED = new StructType().add("id", DataTypes.StringType)
      .add("exact_key", DataTypes.StringType).add("band_keys", DataTypes.createArrayType(DataTypes.LongType))
      .add("text", DataTypes.StringType).add("url", DataTypes.StringType).add("warc_date", DataTypes.StringType);

  private static Row doc(String id, String exactKey, String url, String warcDate) {
    return RowFactory.create(id, exactKey, null, "text of " + exactKey, url, warcDate);
  }

  /** Every case of the rule; texts differ unless the exact keys say otherwise. */
  private static Dataset<Row> passed() {
    return spark.createDataFrame(List.of(
        // One page in four spellings: the latest crawl (b) stays, whatever the ids.
        doc("a", "k1", "http://example.test/page?utm_source=feed", "2024-01-01T00:00:00Z"),
        doc("b", "k2", "https://www.example.test/page#comments", "2024-03-01T00:00:00Z"),
        // 09:00Z: later than a, earlier than b; as a string it would sort after b's.
        doc("c", "k3", "https://EXAMPLE.test:443/page", "2024-02-01T10:00:00+01:00"),
        // No dates: the smallest id.
        doc("d", "k4", "http://example.test/other", null),
        doc("e", "k5", "http://example.test/other", null),
        // Half a second later, which string order would get wrong ('.' < 'Z').
        doc("f", "k6", "http://x.test/t", "2024-05-01T00:00:00.5Z"),
        doc("g", "k7", "http://x.test/t", "2024-05-01T00:00:00Z"),
        // A date that is missing or does not parse is older than any date.
        doc("h0", "k8", "http://x.test/dated", "yesterday"),
        doc("h1", "k9", "http://x.test/dated", "2020-01-01T00:00:00Z"),
        // Same date: the smallest id.
        doc("p", "k11", "http://x.test/same", "2024-01-01T00:00:00Z"),
        doc("q", "k12", "http://x.test/same", "2024-01-01T00:00:00Z"),
        // The text of b at another URL: an exact duplicate of b as before.
        doc("j", "k2", "http://other.test/", null),
        // The text of a, which is a URL copy: a has left before the graph, so k is not linked to it.
        doc("k", "k1", null, null),
        doc("m", "k10", null, null)), PASSED);
  }

  /** id → exact_rep, cluster_id, cluster_size, removed_as. */
  private static Map<String, String> clusters(Deduplication.Clusters found) {
    Map<String, String> out = new TreeMap<>();
    found.clusters().collectAsList().forEach(r -> out.put(r.getString(r.fieldIndex("id")),
        r.getString(r.fieldIndex("exact_rep")) + " " + r.getString(r.fieldIndex("cluster_id")) + " "
            + r.getInt(r.fieldIndex("cluster_size")) + " " + r.getString(r.fieldIndex("removed_as"))));
    return out;
  }

  @Test
  void keepsTheLatestCrawlOfEachNormalizedUrlAndCountsTheOthersAsExact() {
    CurateSettings settings = ReferenceConf.curate("curate.dedup.near=false");
    Deduplication.Clusters found = Deduplication.find(passed(), Optional.empty(), settings.dedup(), settings.minhash());
    GroupBuffering.assertNone(found.clusters());
    Map<String, String> expected = new TreeMap<>();
    expected.put("a", "b b 4 exact");
    expected.put("b", "b b 4 null");
    expected.put("c", "b b 4 exact");
    expected.put("j", "b b 4 exact");
    expected.put("d", "d d 2 null");
    expected.put("e", "d d 2 exact");
    expected.put("f", "f f 2 null");
    expected.put("g", "f f 2 exact");
    expected.put("h0", "h1 h1 2 exact");
    expected.put("h1", "h1 h1 2 null");
    expected.put("p", "p p 2 null");
    expected.put("q", "p p 2 exact");
    expected.put("k", "k k 1 null");
    expected.put("m", "m m 1 null");
    assertEquals(expected, clusters(found));

    assertEquals(List.of("url", "nodes", "exact"), found.stages().stream().map(StageCounters::stage).toList());
    assertEquals(Map.of("with_url", 12L, "groups", 5L, "removed", 6L), found.stages().get(0).counts());
    assertEquals(8L, found.stages().get(1).get("current"));
    assertEquals(1L, found.stages().get(2).get("duplicates"));
    Deduplication.Counted counted = Deduplication.countClusters(found.clusters());
    assertEquals(7, counted.exact());
    assertEquals(0, counted.near());
    assertEquals(Map.of("clusters", 5L, "of_previous", 0L, "members", 12L, "singletons", 2L, "largest", 4L),
        counted.counters().counts());
  }

  @Test
  void switchedOffEveryUrlStays() {
    CurateSettings settings = ReferenceConf.curate("curate.dedup.near=false", "curate.dedup.url=false");
    Deduplication.Clusters found = Deduplication.find(passed(), Optional.empty(), settings.dedup(), settings.minhash());
    assertEquals(List.of("nodes", "exact"), found.stages().stream().map(StageCounters::stage).toList());
    Map<String, String> clusters = clusters(found);
    // Only the exact copies remain: j of b, k of a.
    assertEquals("a a 2 exact", clusters.get("k"));
    assertEquals("b b 2 exact", clusters.get("j"));
    assertEquals(2, clusters.values().stream().filter(v -> v.endsWith("exact")).count());
  }

  private static String line(String id, String text, String url, String warcDate) throws IOException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", id);
    record.put("text", text);
    record.put("source", "test");
    if (url != null) {
      record.put("url", url);
    }
    if (warcDate != null) {
      record.put("meta", Map.of("warc_date", warcDate));
    }
    return JSON.writeValueAsString(record);
  }

  @Test
  void aCurateRunFiltersByUrlRemovesUrlCopiesAsExactAndStillAddsUp(@TempDir Path dir) throws IOException {
    List<String> brown = BrownTexts.first(4);
    List<String> lines = new ArrayList<>();
    lines.add(line("p1", brown.get(0), "https://news.example.test/story?utm_medium=rss", "2024-01-01T00:00:00Z"));
    lines.add(line("p2", brown.get(1), "http://www.news.example.test/story", "2024-06-01T00:00:00Z"));
    lines.add(line("p3", brown.get(2), "https://shop.adult-example.test/x", null));
    lines.add(line("p4", brown.get(3), null, null));
    lines.add(line("p5", brown.get(3), "https://blog.example.test/", null));
    Path input = dir.resolve("in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    CurateSettings settings = ReferenceConf.curate("curate.url-filter.enabled=true",
        "curate.url-filter.blocklist=\"" + Path.of("src/test/resources/url/ut1").toAbsolutePath() + "\"");
    CurateReport report = new CurateJob(spark, settings).run(List.of(input.toString()), out.toString(), false);

    assertTrue(report.balances(), report.toJson());
    assertEquals(5, report.recordsIn());
    assertEquals(Map.of("filter", 1L), report.rejectedByStage());
    assertEquals(Map.of("url-filter/url-blocklist", 1L), report.rejectedByReason().get("filter"));
    // p1 is an older crawl of p2's URL, p5 repeats p4's text: both exact.
    assertEquals(2, report.exactDuplicatesRemoved());
    assertEquals(Map.of("with_url", 3L, "groups", 1L, "removed", 1L), CurateJobTest.stage(report, "url").counts());
    CurateJobTest.assertCorpusStagesAddUp(report);
    assertEquals(List.of("p2", "p4"), spark.read().parquet(out.resolve("documents").toString()).select("id")
        .orderBy("id").collectAsList().stream().map(r -> r.getString(0)).toList());

    Row rejected = spark.read().parquet(out.resolve("rejected").toString()).first();
    assertEquals("p3", rejected.getAs("id"));
    assertEquals("url-blocklist:adult", rejected.getAs("rule"));
    assertEquals("adult-example.test", rejected.<String, String>getJavaMap(rejected.fieldIndex("meta"))
        .get(UrlFilter.MATCH_META));
    Map<String, String> removedAs = new TreeMap<>();
    spark.read().parquet(out.resolve("dedup/clusters").toString()).collectAsList()
        .forEach(r -> removedAs.put(r.getString(0), r.getString(1) + " " + r.getString(4)));
    assertEquals(Map.of("p1", "p2 exact", "p2", "p2 null", "p4", "p4 null", "p5", "p4 exact"), removedAs);
  }
}
