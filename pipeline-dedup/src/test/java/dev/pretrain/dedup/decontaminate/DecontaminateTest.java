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

  @Test
  void redactCutsTheMatchedSpansWithTheirMarginAndKeepsTheDocumentUnlessNothingIsLeft(@TempDir Path dir) throws IOException {
    Map<String, String> texts = corpus();
    texts.put("whole", Q1);
    Run run = run(dir, texts, setConf(qaSet(dir), "qa", "[question, answer]"),
        "curate.decontaminate.action=redact", "curate.decontaminate.redact-margin=10");

    int p = PREFIX.length();
    String verbatim = texts.get("verbatim");
    String expected = verbatim.substring(0, p - 10) + "\n" + verbatim.substring(p + Q1.length() + 10);
    Row redacted = run.documents().get("verbatim");
    assertEquals("kept", reasonOf(redacted));
    assertEquals(expected, redacted.getString(2));
    assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, redacted.getLong(3));
    String shortDoc = texts.get("short");
    assertEquals(shortDoc.substring(0, shortDoc.indexOf("JEAN") - 10) + "\n" + shortDoc.substring(shortDoc.indexOf("!") + 11),
        run.documents().get("short").getString(2));
    assertEquals(texts.get("clean"), run.documents().get("clean").getString(2));
    // All of it matched: nothing left, so removed after all.
    assertEquals("decontaminate:decontaminate/qa:redact-left-nothing:6.0", reasonOf(run.documents().get("whole")));
    assertEquals(Q1, run.documents().get("whole").getString(1));

    long cut = 0;
    for (String id : List.of("verbatim", "edited", "short")) {
      cut += texts.get(id).getBytes(StandardCharsets.UTF_8).length - run.documents().get(id).getLong(3);
    }
    assertEquals(Map.of("documents", 6L, "documents_matched", 4L, "ngram_matches", 18L, "documents_removed", 1L,
        "documents_redacted", 3L, "bytes_redacted", cut), run.outcome().counters());
    assertTrue(run.matches().stream().allMatch(m -> m.contains(" redact [")));
  }

  @Test
  void broadcastAndJoinFindTheSameMatchesAndDecideAlikeForJsonAndParquetSets(@TempDir Path dir) throws IOException {
    Path qa = qaSet(dir);
    Path parquet = dir.resolve("other.parquet");
    spark.createDataFrame(List.of(RowFactory.create("x", List.of("The Tiber", Q1))), new StructType()
            .add("id", DataTypes.StringType).add("answers", DataTypes.createArrayType(DataTypes.StringType)))
        .write().parquet(parquet.toString());
    String sets = "curate.decontaminate.sets=[{name=qa, path=\"" + qa + "\", fields=[question, answer]},"
        + " {name=other, path=\"" + parquet + "\", fields=[answers]}]";
    Map<String, String> texts = corpus();
    texts.put("both", "Was it the Tiber? " + Q1);

    Run broadcast = run(dir, texts, sets);
    Run join = run(dir, texts, sets, "curate.decontaminate.broadcast-max=0");
    Run mixed = run(dir, texts, sets, "curate.decontaminate.broadcast-max=10"); // other (7 n-grams) broadcast, qa (20) joined

    assertEquals(broadcast.matches(), join.matches());
    assertEquals(broadcast.matches(), mixed.matches());
    assertEquals(broadcast.documents().toString(), join.documents().toString());
    assertEquals(broadcast.documents().toString(), mixed.documents().toString());
    assertEquals(broadcast.outcome().counters(), join.outcome().counters());
    // A document matching two sets is attributed to the first listed; both sets' matches are recorded.
    assertEquals("decontaminate:decontaminate/qa:shares-ngram:14.0", reasonOf(broadcast.documents().get("both")));
    assertEquals(14, broadcast.matches().stream().filter(m -> m.startsWith("both ")).count());
    assertEquals(List.of("both other @7-17 remove [the tiber]"),
        broadcast.matches().stream().filter(m -> m.startsWith("both other @7-")).toList());
    assertEquals("broadcast", lookup(broadcast, "qa"));
    assertEquals("join", lookup(join, "qa"));
    assertEquals("join", lookup(mixed, "qa"));
    assertEquals("broadcast", lookup(mixed, "other"));
  }

  @SuppressWarnings("unchecked")
  private static String lookup(Run run, String set) {
    return (String) ((Map<String, Map<String, Object>>) run.outcome().details().get("sets")).get(set).get("lookup");
  }

  @Test
  void badSettingsAndSetFilesFailNamingTheKeyTheSetAndTheField(@TempDir Path dir) throws IOException {
    Path qa = qaSet(dir);
    ConfigError keys = assertThrows(ConfigError.class, () -> ReferenceConf.curate(
        "curate.decontaminate.sets=[{name=qa, path=\"" + qa + "\", field=[question]}]",
        "curate.decontaminate.action=delete", "curate.decontaminate.ngram=0"));
    String message = String.join("\n", keys.problems());
    assertTrue(message.contains("unknown key 'curate.decontaminate.sets[0].field'"), message);
    assertTrue(message.contains("did you mean 'curate.decontaminate.sets[0].fields'"), message);
    assertTrue(message.contains("'curate.decontaminate.action' must be one of: remove, redact"), message);
    assertTrue(message.contains("'curate.decontaminate.ngram' must be an integer from 1 to 100"), message);

    Path notJson = dir.resolve("broken.jsonl");
    Files.writeString(notJson, "{\"question\": \"fine\"}\nnot json at all\n");
    Path numbers = set(dir, "numbers", List.of(Map.of("question", "q", "score", 3)));
    DecontaminateSettings settings = ReferenceConf.curate("curate.decontaminate.sets=["
        + "{name=missing, path=\"" + dir.resolve("nowhere.jsonl") + "\", fields=[question]},"
        + "{name=qa, path=\"" + qa + "\", fields=[question, answers]},"
        + "{name=broken, path=\"" + notJson + "\", fields=[question]},"
        + "{name=numbers, path=\"" + numbers + "\", fields=[score]}]").decontaminate();
    ConfigError files = assertThrows(ConfigError.class, () -> Decontaminate.check(settings, spark));
    assertEquals(List.of(
        "'curate.decontaminate.sets[0].path' of set missing: " + dir.resolve("nowhere.jsonl") + " does not exist",
        "'curate.decontaminate.sets[1].fields' names answers, which set qa (" + qa + ") does not have; its columns: answer, question",
        "'curate.decontaminate.sets[2].path' of set broken: " + notJson
            + " has lines that are not JSON objects (a JSON Lines file holds one object per line)",
        "'curate.decontaminate.sets[3].fields' names score of set numbers, which holds bigint;"
            + " a field must hold text: a string or a list of strings"), files.problems());
  }
}
