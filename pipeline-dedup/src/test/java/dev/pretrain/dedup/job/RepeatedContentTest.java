package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.testing.GroupBuffering;
import java.io.BufferedWriter;
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
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of issue 12's held-out check: one page copied {@value #NEAR_COPIES} times with a
 * different 3-word footer each time, one page copied {@value #EXACT_COPIES} times unchanged, among
 * unique documents. The largest clusters are the boilerplate dedup exists for: one copy of each
 * page survives, with or without verification, and no unique document is removed.
 */
class RepeatedContentTest {
  static final int NEAR_COPIES = 20_000;
  static final int EXACT_COPIES = 3_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 30 words: 27,000 distinct footers of three. */
  private static final List<String> FOOTER_WORDS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
      "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
      "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "north", "south", "east", "west");

  private static SparkSession spark;
  private static Path input;
  private static List<String> uniqueIds;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    spark = LocalSpark.start(RepeatedContentTest.class);
    List<String> brown = BrownTexts.first(60);
    input = dir.resolve("in.jsonl");
    uniqueIds = new ArrayList<>();
    try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      String page = firstLines(brown.get(0), 0, 8);
      for (int i = 0; i < NEAR_COPIES; i++) {
        out.write(BrownTexts.line(String.format("near-%05d", i), page + "\n" + footer(i)) + "\n");
      }
      String exactPage = firstLines(brown.get(1), 0, 8);
      for (int i = 0; i < EXACT_COPIES; i++) {
        out.write(BrownTexts.line(String.format("exact-%05d", i), exactPage) + "\n");
      }
      // Unique documents: runs of 8 sentences of the other Brown texts (the page's own text
      // continues after its 8 lines, so its later lines are unique too).
      for (int t = 0; t < brown.size(); t++) {
        for (int from = 8; from + 8 <= 40; from += 8) {
          String id = String.format("unique-%02d-%02d", t, from);
          uniqueIds.add(id);
          out.write(BrownTexts.line(id, firstLines(brown.get(t), from, 8)) + "\n");
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String firstLines(String text, int from, int count) {
    return Arrays.stream(text.split("\n")).skip(from).limit(count).collect(Collectors.joining("\n"));
  }

  /** Three words from {@link #FOOTER_WORDS}, distinct for each {@code i} below 27,000. */
  private static String footer(int i) {
    int n = FOOTER_WORDS.size();
    return FOOTER_WORDS.get(i % n) + " " + FOOTER_WORDS.get(i / n % n) + " " + FOOTER_WORDS.get(i / n / n % n);
  }

  private static LoadedConfig config(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), CurateSettings.SCHEMA);
  }

  private static CurateSettings settings(LoadedConfig config) {
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return settings;
  }

  private static CurateReport curate(Path output, String... sets) throws IOException {
    LoadedConfig config = config(sets);
    return new CurateJob(spark, settings(config))
        .run(List.of(input.toString()), output.toString(), false);
  }

  private static void keepsOneCopyOfEachRepeatedPage(Path out, CurateReport report) throws IOException {
    assertTrue(report.balances());
    Dataset<Row> documents = spark.read().parquet(out.resolve("documents").toString());
    List<String> keptCopies = documents.filter("id LIKE 'near-%' OR id LIKE 'exact-%'").select("id")
        .orderBy("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(List.of("exact-00000", "near-00000"), keptCopies);
    Map<String, Integer> sizes = new TreeMap<>();
    documents.filter("id IN ('exact-00000', 'near-00000')").collectAsList()
        .forEach(r -> sizes.put(r.getString(0), r.getInt(6)));
    assertEquals(Map.of("exact-00000", EXACT_COPIES, "near-00000", NEAR_COPIES), sizes);
    assertEquals(EXACT_COPIES - 1, report.exactDuplicatesRemoved());
    assertEquals(NEAR_COPIES - 1, report.nearDuplicatesRemoved());

    // No unique document was removed: every one that passed the filters is in documents/.
    long uniqueKept = documents.filter("id LIKE 'unique-%'").count();
    long uniqueRejected = spark.read().parquet(out.resolve("rejected").toString()).filter("id LIKE 'unique-%'").count();
    assertEquals(uniqueIds.size(), uniqueKept + uniqueRejected);
    assertTrue(uniqueKept > uniqueIds.size() / 2, "most unique documents pass the filters: " + uniqueKept);

    // dedup/clusters/ says why each copy went.
    Map<String, Long> removedAs = new TreeMap<>();
    spark.read().parquet(out.resolve("dedup/clusters").toString())
        .selectExpr("coalesce(removed_as, 'kept') AS why", "substring_index(id, '-', 1) AS page")
        .groupBy("page", "why").count().collectAsList()
        .forEach(r -> removedAs.put(r.getString(0) + " " + r.getString(1), r.getLong(2)));
    assertEquals(Map.of("exact kept", 1L, "exact exact", (long) EXACT_COPIES - 1, "near kept", 1L,
        "near near", (long) NEAR_COPIES - 1), removedAs);

    // The report lists the largest buckets, led by the near-copied page's (no bucket was cut).
    JsonNode largest = JSON.readTree(out.resolve("report.json").toFile()).get("largest_buckets");
    assertEquals(20, largest.size());
    assertEquals("near-00000", largest.get(0).get("smallest_id").asText());
    assertTrue(largest.get(0).get("size").asLong() > NEAR_COPIES / 2, largest.toString());
  }

  @Test
  void keepsOneCopyOfAPageRepeatedTensOfThousandsOfTimesWithoutVerification(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    keepsOneCopyOfEachRepeatedPage(out, curate(out, "curate.dedup.verify.enabled=false"));
  }

  @Test
  void keepsOneCopyOfAPageRepeatedTensOfThousandsOfTimesWithVerification(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    keepsOneCopyOfEachRepeatedPage(out, curate(out, "curate.dedup.verify.enabled=true"));
  }

  @Test
  void exactCopiesMeetTheirRepresentativeWithoutAWindowOverTheirGroup() {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("exact_key", DataTypes.StringType)
        .add("band_keys", DataTypes.createArrayType(DataTypes.LongType)).add("text", DataTypes.StringType);
    Dataset<Row> passed = spark.createDataFrame(List.of(RowFactory.create("c", "k1", null, "x"),
        RowFactory.create("a", "k1", null, "x"), RowFactory.create("b", "k2", null, "y"),
        RowFactory.create("d", "k1", null, "x")), schema)
        .withColumn("url", functions.lit(null).cast(DataTypes.StringType))
        .withColumn("warc_date", functions.lit(null).cast(DataTypes.StringType));
    CurateSettings settings = settings(config("curate.dedup.near=false"));
    Dataset<Row> clusters = Deduplication.find(passed, Optional.empty(), settings.dedup(), settings.minhash()).clusters();
    GroupBuffering.assertNone(clusters);
    Map<String, String> found = new TreeMap<>();
    clusters.collectAsList().forEach(r -> found.put(r.getString(r.fieldIndex("id")),
        r.getString(r.fieldIndex("exact_rep")) + " " + r.getInt(r.fieldIndex("cluster_size")) + " "
            + r.getString(r.fieldIndex("removed_as"))));
    assertEquals(Map.of("a", "a 3 null", "b", "b 1 null", "c", "a 3 exact", "d", "a 3 exact"), found);
  }
}
