package dev.pretrain.dedup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report's details over small tables shaped as curate's: exact bins and counts, and their size bound. */
class ReportDetailsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double NAN = Double.NaN;
  private static final String SCRIPT = "<script>alert('x')</script></div> & \"quoted\"";
  private static SparkSession spark;

  private static final StructType PROCESSED = new StructType()
      .add("id", DataTypes.StringType).add("original_text", DataTypes.StringType).add("text", DataTypes.StringType)
      .add("in_bytes", DataTypes.LongType).add("text_bytes", DataTypes.LongType)
      .add("source", DataTypes.StringType).add("lang", DataTypes.StringType)
      .add("stage", DataTypes.StringType).add("reason", DataTypes.StringType)
      .add("measures", DataTypes.createArrayType(DataTypes.DoubleType, false));
  private static final StructType REJECTED = new StructType()
      .add("id", DataTypes.StringType).add("text", DataTypes.StringType)
      .add("stage", DataTypes.StringType).add("reason", DataTypes.StringType);
  private static final StructType CLUSTERS = new StructType()
      .add("id", DataTypes.StringType).add("cluster_id", DataTypes.StringType)
      .add("cluster_size", DataTypes.IntegerType).add("kept", DataTypes.BooleanType)
      .add("removed_as", DataTypes.StringType);
  private static final StructType CORPUS_REMOVED = new StructType()
      .add("stage", DataTypes.StringType).add("reason", DataTypes.StringType).add("in_bytes", DataTypes.LongType);

  private static final List<Measure> MEASURES = List.of(
      new Measure("gopher-quality", "word-count", "words", Measure.Scale.LOG, 1, 1e6,
          List.of("gopher-quality/min-words"), List.of(50.0), Map.of()),
      new Measure("fineweb-quality", "short-lines", "short lines", Measure.Scale.LINEAR, 0, 1,
          List.of("fineweb-quality/short-lines"), List.of(0.5), Map.of("de", List.of(0.6))));

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(ReportDetailsTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row doc(String id, String text, long inBytes, Long textBytes, String source, String lang,
      String stage, String reason, double... measures) {
    boolean kept = stage == null;
    return RowFactory.create(id, kept ? null : text, kept ? text : null, inBytes, textBytes, source, lang, stage,
        reason, measures);
  }

  /**
   * d1 kept, d2 its exact copy, d3 and d4 too short, d5 too many short lines, d6 kept, d7 blank after
   * cleaning, and a record the reader could not parse.
   */
  private static ReportDetails small() {
    String longText = "x".repeat(400);
    List<Row> processed = List.of(
        doc("d1", "one text", 100, 90L, "a", "en", null, null, 100, 0.1),
        doc("d2", "one text too", 100, 90L, "a", "en", null, null, 100, 0.1),
        doc("d3", SCRIPT, 20, null, "b", "en", "filter", "gopher-quality/min-words", 10, NAN),
        doc("d4", longText, 30, null, "b", "de", "filter", "gopher-quality/min-words", 20, NAN),
        doc("d5", "short\nlines", 200, null, "a", "de", "filter", "fineweb-quality/short-lines", 200, 0.9),
        doc("d6", "another text", 1000, 950L, "b", "de", null, null, 1000, 0.35),
        doc("d7", " ", 5, null, "a", null, "clean", "empty-after-cleaning", NAN, NAN));
    Dataset<Row> table = spark.createDataFrame(processed, PROCESSED);
    List<Row> rejected = new ArrayList<>();
    rejected.add(RowFactory.create("r1", "{broken", "read", "malformed-json"));
    for (Row r : processed) {
      if (r.getString(7) != null) {
        rejected.add(RowFactory.create(r.getString(0), r.getString(1), r.getString(7), r.getString(8)));
      }
    }
    Dataset<Row> clusters = spark.createDataFrame(List.of(
        RowFactory.create("d1", "d1", 2, true, null),
        RowFactory.create("d2", "d1", 2, false, "exact"),
        RowFactory.create("d6", "d6", 1, true, null)), CLUSTERS);
    Dataset<Row> kept = table.filter("id in ('d1', 'd6')").select("source", "lang", "in_bytes", "text_bytes");
    return ReportDetails.of(new ReportDetails.Inputs(8, 1455, table,
        table.filter("stage is null").select("id", "text"), spark.createDataFrame(rejected, REJECTED),
        clusters, spark.createDataFrame(List.of(), CORPUS_REMOVED), kept, List.of(), MEASURES,
        List.of("whitespace", "empty-after-cleaning", "gopher-quality", "fineweb-quality", "exact-key"),
        true, true, false, 1));
  }

  @Test
  void theFunnelRemovesEachStageAndFilterInOrderDownToTheKept() throws Exception {
    JsonNode funnel = JSON.valueToTree(small().json()).get("funnel");
    List<String> rows = new ArrayList<>();
    funnel.forEach(r -> rows.add(r.get("step").asText() + " " + r.get("documents").asLong() + " "
        + r.get("bytes").asLong() + " -" + r.get("removed_documents").asLong() + " -" + r.get("removed_bytes").asLong()));
    assertEquals(List.of("records in 8 1462 -0 -0", "read 7 1455 -1 -7", "clean 6 1450 -1 -5",
        "gopher-quality 4 1400 -2 -50", "fineweb-quality 3 1200 -1 -200", "exact dedup 2 1100 -1 -100",
        "near dedup 2 1100 -0 -0", "kept 2 1100 -0 -0"), rows);
    assertEquals(1040, funnel.get(rows.size() - 1).get("text_bytes").asLong());
  }

  @Test
  void eachMeasureIsBinnedWithWhatItsRulesPassedAndDropped() {
    JsonNode filters = JSON.valueToTree(small().json()).get("filters");
    JsonNode words = filters.get(0);
    assertEquals("gopher-quality/word-count", words.get("measure").asText());
    assertEquals("log", words.get("scale").asText());
    assertEquals(50.0, words.get("threshold").asDouble());
    // Log bins over [10, 1000], 20 a decade: 10 → 0, 20 → 6, 100 → 20, 200 → 26, 1000 → the last.
    assertEquals(List.of("10.0 0 1", "19.95 0 1", "100.0 2 0", "199.5 1 0", "891.3 1 0"), bins(words));
    assertEquals(6, words.get("reached").asLong());
    assertEquals(2, words.get("dropped").asLong());
    assertEquals(2.0 / 6, words.get("dropped_share").asDouble(), 1e-12);

    JsonNode shortLines = filters.get(1);
    assertEquals(0.6, shortLines.get("thresholds_by_language").get("de").asDouble());
    // Linear bins of 0.02 over [0.1, 0.9]: 0.1 → 0, 0.35 → 12, 0.9 → the last.
    assertEquals(List.of("0.1 2 0", "0.34 1 0", "0.88 0 1"), bins(shortLines));
    assertEquals(4, shortLines.get("reached").asLong());
  }

  private static List<String> bins(JsonNode measure) {
    List<String> out = new ArrayList<>();
    long sum = 0;
    for (JsonNode b : measure.get("bins")) {
      out.add(b.get("start").asDouble() + " " + b.get("passed").asLong() + " " + b.get("dropped").asLong());
      sum += b.get("passed").asLong() + b.get("dropped").asLong();
    }
    assertEquals(measure.get("reached").asLong(), sum);
    return out;
  }

  @Test
  void examplesOfTheTopReasonsKeepTheirTextVerbatim() throws Exception {
    ReportDetails details = small();
    // Through JSON text and back: escaping for HTML is the page's job, the JSON holds the text as it is.
    JsonNode examples = JSON.readTree(JSON.writeValueAsString(details.json())).get("rejection_examples");
    assertEquals("gopher-quality/min-words", examples.get(0).get("reason").asText());
    assertEquals(2, examples.get(0).get("count").asLong());
    assertEquals(SCRIPT, examples.get(0).get("examples").get(0).get("snippet").asText());
    assertEquals("x".repeat(RejectionExamples.SNIPPET_CHARS), examples.get(0).get("examples").get(1).get("snippet").asText());
    List<String> reasons = new ArrayList<>();
    examples.forEach(e -> reasons.add(e.get("stage").asText() + ":" + e.get("reason").asText()));
    assertEquals(List.of("filter:gopher-quality/min-words", "clean:empty-after-cleaning",
        "filter:fineweb-quality/short-lines", "read:malformed-json"), reasons);
  }

  @Test
  void languagesLengthsAndClustersAddUp() {
    JsonNode json = JSON.valueToTree(small().json());
    assertEquals("[{\"lang\":\"de\",\"reached\":3,\"kept\":1},{\"lang\":\"en\",\"reached\":3,\"kept\":1}]",
        json.get("languages").toString());
    JsonNode sources = json.get("lengths").get("sources");
    assertEquals(List.of("a 4 1", "b 3 1"), List.of(sourceCounts(sources.get(0)), sourceCounts(sources.get(1))));
    JsonNode clusters = json.get("clusters");
    assertEquals("[{\"start\":2,\"end\":4,\"clusters\":1,\"members\":2}]", clusters.get("size_bins").toString());
    assertEquals(1, clusters.get("singletons").asLong());
    JsonNode largest = clusters.get("largest").get(0);
    assertEquals(2, largest.get("size").asInt());
    assertEquals("one text", largest.get("kept").get("opening").asText());
    assertEquals("d2", largest.get("removed").get("id").asText());
    assertEquals("one text too", largest.get("removed").get("opening").asText());
  }

  private static String sourceCounts(JsonNode source) {
    long before = 0;
    long after = 0;
    for (JsonNode b : source.get("before")) {
      before += b.get("count").asLong();
    }
    for (JsonNode b : source.get("after")) {
      after += b.get("count").asLong();
    }
    return source.get("source").asText() + " " + before + " " + after;
  }

  /** Many reasons, sources and languages, long texts, every measure of the default steps. */
  @Test
  void theDetailsStaySmallWhateverTheInput() throws Exception {
    List<Measure> measures = CurateSteps.measures(ReferenceConf.curate());
    int n = 4000;
    String text = (SCRIPT + " ").repeat(60);
    List<Row> processed = new ArrayList<>();
    List<Row> rejected = new ArrayList<>();
    List<Row> clusters = new ArrayList<>();
    long bytesIn = 0;
    for (int i = 0; i < n; i++) {
      double[] values = new double[measures.size()];
      for (int m = 0; m < values.length; m++) {
        values[m] = (i * 7919L + m * 104729L) % 1000 / (m % 2 == 0 ? 10.0 : 1000.0);
      }
      boolean rejectedDoc = i % 2 == 0;
      String reason = "gopher-quality/rule-" + (i % 1000);
      processed.add(doc("d" + i, text, 1000 + i, rejectedDoc ? null : 900L, "source-" + (i % 300), "l" + (i % 170),
          rejectedDoc ? "filter" : null, rejectedDoc ? reason : null, values));
      bytesIn += 1000 + i;
      if (rejectedDoc) {
        rejected.add(RowFactory.create("d" + i, text, "filter", reason));
      } else {
        clusters.add(RowFactory.create("d" + i, "d" + i, 1, true, null));
      }
    }
    Dataset<Row> table = spark.createDataFrame(processed, PROCESSED);
    ReportDetails details = ReportDetails.of(new ReportDetails.Inputs(n, bytesIn, table,
        table.filter("stage is null").select("id", "text"), spark.createDataFrame(rejected, REJECTED), spark.createDataFrame(clusters, CLUSTERS),
        spark.createDataFrame(List.of(), CORPUS_REMOVED),
        table.filter("stage is null").select("source", "lang", "in_bytes", "text_bytes"), List.of(), measures,
        CurateSteps.names(ReferenceConf.curate()), true, true, false, n / 2));
    int size = details.jsonBytes();
    assertTrue(size < 200_000, "details of " + size + " bytes");
    JsonNode json = JSON.valueToTree(details.json());
    assertEquals(RejectionExamples.REASONS, json.get("rejection_examples").size());
    assertEquals(LengthHistograms.SOURCES + 1, json.get("lengths").get("sources").size());
    assertEquals(LanguageShares.LANGUAGES + 1, json.get("languages").size());
    long reached = 0;
    for (JsonNode lang : json.get("languages")) {
      reached += lang.get("reached").asLong();
    }
    assertEquals(n, reached);
    assertEquals(measures.size(), json.get("filters").size());
    for (JsonNode filter : json.get("filters")) {
      assertTrue(filter.get("bins").size() <= Binning.BINS);
      assertEquals(n, filter.get("reached").asLong());
    }
    System.out.println("details of " + measures.size() + " measures: " + size + " bytes; " + Arrays.toString(
        json.get("filters").findValuesAsText("measure").toArray()));
  }
}
