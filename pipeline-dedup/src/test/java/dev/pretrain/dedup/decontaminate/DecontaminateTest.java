package dev.pretrain.dedup.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.corpus.CorpusStage;
import dev.pretrain.dedup.job.CurateJob;
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

/** The decontamination stage on documents with evaluation items planted verbatim, lightly edited, partly, or not at all. */
class DecontaminateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  /** The columns of the corpus stages' input that the stage reads or writes. */
  private static final StructType DOCUMENTS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("original_text", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, true)
      .add("text_bytes", DataTypes.LongType, true)
      .add("stage", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("rule", DataTypes.StringType, true)
      .add("value", DataTypes.DoubleType, true);

  // 18 words: six 13-grams.
  private static final String Q1 = "Which river flows through the ancient city that was the capital of the empire before the long war?";
  // 17 words: five 13-grams.
  private static final String Q2 = "How many moons orbit the sixth planet from the sun according to the survey made in 2004?";
  // Never planted, except its first 12 words (one short of an n-gram).
  private static final String Q3 = "What is the boiling point of water at the top of a mountain three kilometres high in summer?";
  private static final String SHORT_ANSWER = "Jean-Baptiste Lamarck";
  private static final String PREFIX = "Some ordinary text about gardening and the weather comes first here. ";
  private static final String SUFFIX = " And then the page goes on about something else entirely, for a while.";

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(DecontaminateTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Path set(Path dir, String name, List<Map<String, Object>> items) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> item : items) {
      lines.add(JSON.writeValueAsString(item));
    }
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static Path qaSet(Path dir) throws IOException {
    return set(dir, "qa", List.of(
        Map.of("question", Q1, "answer", "the Tiber"),
        Map.of("question", Q2, "answer", "sixty two"),
        Map.of("question", Q3, "answer", SHORT_ANSWER)));
  }

  private static Map<String, String> corpus() {
    Map<String, String> docs = new TreeMap<>();
    docs.put("verbatim", PREFIX + Q1 + SUFFIX);
    // Case, punctuation and whitespace changed: the same words after normalization.
    docs.put("edited", PREFIX + "HOW many moons,  orbit the sixth\n planet -- from the Sun; according to the survey made in 2004" + SUFFIX);
    docs.put("partial", PREFIX + "What is the boiling point of water at the top of a" + SUFFIX);
    docs.put("short", PREFIX + "The theory of jean baptiste Lamarck... no: JEAN-BAPTISTE LAMARCK!" + SUFFIX);
    docs.put("clean", PREFIX + SUFFIX);
    return docs;
  }

  private static Dataset<Row> documents(Map<String, String> texts) {
    List<Row> rows = new ArrayList<>();
    texts.forEach((id, text) -> rows.add(RowFactory.create(id, null, text,
        (long) text.getBytes(StandardCharsets.UTF_8).length, null, null, null, null)));
    return spark.createDataFrame(rows, DOCUMENTS);
  }

  private record Run(Map<String, Row> documents, List<String> matches, CorpusStage.Outcome outcome) {}

  private static Run run(Path dir, Map<String, String> texts, String... sets) throws IOException {
    DecontaminateSettings settings = ReferenceConf.curate(sets).decontaminate();
    Path output = dir.resolve("out-" + System.nanoTime());
    AtomicOutput out = AtomicOutput.begin(output.toString(), CurateJob.LAYOUT, List.of(), false,
        spark.sparkContext().hadoopConfiguration());
    List<Dataset<?>> cached = new ArrayList<>();
    try {
      CorpusStage stage = Decontaminate.of(settings).orElseThrow();
      CorpusStage.Outcome outcome = stage.apply(documents(texts), new CorpusStage.Context(spark, Optional.empty(), out, cached));
      Map<String, Row> byId = new TreeMap<>();
      outcome.documents().collectAsList().forEach(r -> byId.put(r.getString(0), r));
      List<String> matches = new ArrayList<>();
      for (Row m : spark.read().parquet(out.staged(Decontaminate.PART)).orderBy("id", "position", "set").collectAsList()) {
        matches.add(m.getString(0) + " " + m.getString(1) + " @" + m.getInt(3) + "-" + m.getInt(4) + " " + m.getString(5)
            + " [" + m.getString(2) + "]");
      }
      return new Run(byId, matches, outcome);
    } finally {
      cached.forEach(Dataset::unpersist);
      out.abort();
    }
  }

  private static String setConf(Path file, String name, String fields) {
    return "curate.decontaminate.sets=[{name=" + name + ", path=\"" + file + "\", fields=" + fields + "}]";
  }

  private static String reasonOf(Row r) {
    return r.isNullAt(4) ? "kept" : r.getString(4) + ":" + r.getString(5) + ":" + r.getString(6) + ":" + r.getDouble(7);
  }

  @Test
  void removesDocumentsWithItemsPlantedVerbatimOrLightlyEditedAndShortItemsWhole(@TempDir Path dir) throws IOException {
    Run run = run(dir, corpus(), setConf(qaSet(dir), "qa", "[question, answer]"));

    Map<String, String> fate = new TreeMap<>();
    run.documents().forEach((id, r) -> fate.put(id, reasonOf(r)));
    assertEquals(Map.of(
        "clean", "kept",
        "partial", "kept",
        "verbatim", "decontaminate:decontaminate/qa:shares-ngram:6.0",
        "edited", "decontaminate:decontaminate/qa:shares-ngram:5.0",
        "short", "decontaminate:decontaminate/qa:shares-ngram:1.0"), fate);
    Row removed = run.documents().get("verbatim");
    assertEquals(PREFIX + Q1 + SUFFIX, removed.getString(1)); // original_text: what rejected/ shows
    assertNull(removed.getString(2));

    int p = PREFIX.length();
    String edited = corpus().get("edited");
    String shortDoc = corpus().get("short");
    List<String> verbatim = run.matches().stream().filter(m -> m.startsWith("verbatim")).toList();
    assertEquals(6, verbatim.size()); // 18 words: six 13-grams
    assertEquals("verbatim qa @" + p + "-" + (p + Q1.indexOf(" empire"))
        + " remove [which river flows through the ancient city that was the capital of the]", verbatim.get(0));
    assertEquals("verbatim qa @" + (p + Q1.indexOf("ancient")) + "-" + (p + Q1.length())
        + " remove [ancient city that was the capital of the empire before the long war]", verbatim.get(5));
    assertEquals(List.of(
        "edited qa @" + p + "-" + edited.indexOf(" survey")
            + " remove [how many moons orbit the sixth planet from the sun according to the]",
        "edited qa @" + edited.indexOf("many") + "-" + edited.indexOf(" made")
            + " remove [many moons orbit the sixth planet from the sun according to the survey]",
        "edited qa @" + edited.indexOf("moons") + "-" + edited.indexOf(" in 2004")
            + " remove [moons orbit the sixth planet from the sun according to the survey made]",
        "edited qa @" + edited.indexOf("orbit") + "-" + edited.indexOf(" 2004")
            + " remove [orbit the sixth planet from the sun according to the survey made in]",
        "edited qa @" + edited.indexOf("the sixth") + "-" + (edited.indexOf("2004") + 4)
            + " remove [the sixth planet from the sun according to the survey made in 0]",
        // "jean baptiste" is two words, "Jean-Baptiste" one ("jeanbaptiste"): only the second spelling matches.
        "short qa @" + shortDoc.indexOf("JEAN") + "-" + (shortDoc.indexOf("!") + 1) + " remove [jeanbaptiste lamarck]"),
        run.matches().stream().filter(m -> !m.startsWith("verbatim")).toList());

    assertEquals(Map.of("documents", 5L, "documents_matched", 3L, "ngram_matches", 12L, "documents_removed", 3L,
        "documents_redacted", 0L, "bytes_redacted", 0L), run.outcome().counters());
    // Q1 six 13-grams, Q2 five, Q3 six, each answer one n-gram of its two words.
    assertEquals(Map.of("sets", Map.of("qa", Map.of("items", 3L, "ngrams", 20L,
        "documents_matched", 3L, "ngram_matches", 12L, "lookup", "broadcast"))), run.outcome().details());
    assertEquals(List.of("decontamination"), run.outcome().parts());
  }
}
