package dev.pretrain.dedup.job;

import dev.pretrain.dedup.CurateSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import dev.pretrain.common.read.CorruptInputFile;
import org.apache.spark.sql.Dataset;
import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextModels;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole curate job on a small corpus with known duplicates, filter failures and bad records. */
class CurateJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;
  private static List<String> brown;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start(CurateJobTest.class);
    brown = BrownTexts.first(8);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Every 100th word replaced: 5-gram Jaccard about 0.9, well above the LSH threshold. */
  private static Path corpus(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(BrownTexts.line("b0", brown.get(0)));
    lines.add(BrownTexts.line("b1", brown.get(1)));
    lines.add(BrownTexts.line("b2", brown.get(2)));
    lines.add(BrownTexts.line("b3", brown.get(3)));
    lines.add(BrownTexts.line("a-exact-of-b1", brown.get(1).replace(",", " ,").replace("the ", "The ")));
    lines.add(BrownTexts.line("z-near-of-b2", BrownTexts.nearCopy(brown.get(2))));
    lines.add(BrownTexts.line("z-near-of-near", BrownTexts.nearCopy(BrownTexts.nearCopy(brown.get(2)))));
    lines.add(BrownTexts.line("short", "Too short to be a document."));
    lines.add("{broken json");
    Path file = dir.resolve("in.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static CurateReport run(Path input, Path output, String... sets) throws IOException {
    return run(input, output, Optional.empty(), sets);
  }

  private static CurateReport run(Path input, Path output, Optional<Path> against, String... sets) throws IOException {
    List<String> all = new ArrayList<>(List.of("read.max-bad-fraction=0.2")); // one bad line in nine
    all.addAll(List.of(sets));
    LoadedConfig config = ConfigLayers.load(Optional.empty(), all, CurateSettings.SCHEMA);
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return new CurateJob(spark, settings)
        .run(List.of(input.toString()), output.toString(), false, against.map(Path::toString));
  }

  private static Map<String, Row> byId(Path dir) {
    Map<String, Row> out = new TreeMap<>();
    spark.read().parquet(dir.toString()).collectAsList().forEach(r -> out.put(r.getString(0), r));
    return out;
  }

  @Test
  void keepsOnePerDuplicateClusterRejectsWithReasonsAndAccountsForEveryRecord(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("curated");
    Path input = corpus(dir);
    CurateReport report = run(input, out);

    assertEquals(9, report.recordsIn());
    // Lowest id kept: "a-exact-of-b1" < "b1"; "b2" < "z-near-...".
    assertEquals(List.of("a-exact-of-b1", "b0", "b2", "b3"), List.copyOf(byId(out.resolve("documents")).keySet()));
    assertEquals(2, byId(out.resolve("documents")).get("a-exact-of-b1").getInt(6));
    assertEquals("en", byId(out.resolve("documents")).get("b0").getString(4)); // lang
    assertEquals(3, byId(out.resolve("documents")).get("b2").getInt(6));
    assertEquals(1, report.exactDuplicatesRemoved());
    assertEquals(2, report.nearDuplicatesRemoved());
    assertEquals(Map.of("read", 1L, "filter", 1L), report.rejectedByStage());
    assertTrue(report.balances());
    assertCorpusStagesAddUp(report);
    // 7 documents: {a-exact-of-b1, b1}, {b2, z-near-of-b2, z-near-of-near}, b0, b3.
    assertEquals(Map.of("current", 7L, "previous", 0L), stage(report, "nodes").counts());
    assertEquals(Map.of("representatives", 6L, "duplicates", 1L, "groups", 1L), stage(report, "exact").counts());
    assertEquals(Map.of("clusters", 2L, "of_previous", 0L, "members", 5L, "singletons", 2L, "largest", 3L),
        stage(report, "clusters").counts());
    assertEquals(2, stage(report, "near").get("components"));
    assertEquals(4, stage(report, "near").get("linked"));

    Map<String, Row> clusters = byId(out.resolve("dedup/clusters"));
    assertEquals(List.of("a-exact-of-b1", "b1", "b2", "z-near-of-b2", "z-near-of-near"), List.copyOf(clusters.keySet()));
    assertEquals("b2", clusters.get("z-near-of-near").getString(1));
    assertEquals(false, clusters.get("z-near-of-b2").getBoolean(3));
    // removed_as: why each member went (null for the one kept). nearCopy twice equals nearCopy once,
    // so z-near-of-near is an exact copy of z-near-of-b2; re-punctuating b1 split its numbers
    // ("100,000" became "100 ,000", two numbers), so it is linked to a-exact-of-b1 by MinHash only.
    Map<String, String> removedAs = new TreeMap<>();
    clusters.forEach((id, row) -> removedAs.put(id, String.valueOf(row.getString(4))));
    assertEquals(Map.of("a-exact-of-b1", "null", "b1", "near", "b2", "null", "z-near-of-b2", "near",
        "z-near-of-near", "exact"), removedAs);

    Dataset<Row> rejectedTable = spark.read().parquet(out.resolve("rejected").toString());
    assertEquals(List.of(CurateSchemas.REJECTED.fieldNames()), List.of(rejectedTable.columns()));
    List<Row> rejected = rejectedTable.orderBy("offset").collectAsList();
    // A stable reason to group by; the rule that decided and the value measured beside it.
    // "Too short to be a document.": the 2-gram "to be" is a third of its word characters; the rule
    // was applied with English's settings, the language identification found.
    assertEquals(List.of("filter", "gopher-repetition/top-2-gram-char-frac", "top-2-gram-char-frac:en", 1.0 / 3),
        List.of(rejected.get(0).getAs("stage"), rejected.get(0).getAs("reason"), rejected.get(0).getAs("rule"),
            rejected.get(0).getAs("value")));
    assertEquals("Too short to be a document.", rejected.get(0).getString(1));
    assertEquals("read", rejected.get(1).getString(7));
    assertEquals("malformed-json", rejected.get(1).getAs("reason"));
    assertTrue(rejected.get(1).isNullAt(rejected.get(1).fieldIndex("rule")));
    assertTrue(rejected.get(1).<String, String>getJavaMap(rejected.get(1).fieldIndex("meta")).get("error")
        .startsWith("Unexpected character"), rejected.get(1).toString());

    // The index holds the exact key and band keys of each kept document.
    List<Row> index = spark.read().parquet(out.resolve("dedup/index").toString()).orderBy("id").collectAsList();
    assertEquals(List.of("a-exact-of-b1", "b0", "b2", "b3"), index.stream().map(r -> r.getString(0)).toList());
    assertEquals(14, index.get(0).getList(2).size());
    assertTrue(Files.readString(out.resolve("dedup/index.json")).contains("\"bands\" : 14"));
    JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
    assertEquals(9, json.get("records_in").asLong());
    assertEquals(4, json.get("kept").asLong());
    assertEquals(JSON.readTree("{\"read\": {\"malformed-json\": 1}, \"filter\": {\"gopher-repetition/top-2-gram-char-frac\": 1}}"),
        json.get("rejected_by_reason"));
    assertEquals(JSON.readTree("{\"read\": 1, \"skipped\": 0, \"skipped_by_reason\": {}, \"skipped_files\": [],"
        + " \"broken\": 0, \"broken_files\": [], \"read_counts\": {}}"), json.get("input_files"));
    assertEquals(List.of("url", "nodes", "exact", "near", "clusters"), iterator(json.get("corpus_stages").fieldNames()));
    assertEquals(2, json.get("corpus_stages").get("clusters").get("clusters").asLong());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    // report.html beside it: its funnel ends at the kept count.
    var funnel = org.jsoup.Jsoup.parse(out.resolve("report.html").toFile()).getElementById("funnel").select("tbody tr");
    assertEquals("4", funnel.get(funnel.size() - 1).select("td").get(1).attr("data-value"));

    // Bytes in: every record read as a document (the broken line is not one); out: what was written.
    long in = spark.read().json(input.toString()).filter("text IS NOT NULL")
        .selectExpr("sum(octet_length(text))").first().getLong(0);
    assertEquals(in, report.bytesIn());
    long written = spark.read().parquet(out.resolve("documents").toString())
        .selectExpr("sum(octet_length(text))").first().getLong(0);
    assertEquals(written, report.bytesOut());
  }

  static StageCounters stage(CurateReport report, String name) {
    return report.corpusStages().stream().filter(s -> s.stage().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + name + " in " + report.corpusStages()));
  }

  private static List<String> iterator(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  /**
   * What each stage counted adds up with the stages around it and with the report's totals. The
   * corpus stages after dedup (those listed after {@code clusters}: paragraph dedup,
   * decontamination) take documents out of the clusters' kept ones and count them as rejects of
   * their own stage, so the rejects before dedup are {@code rejected} minus theirs.
   */
  static void assertCorpusStagesAddUp(CurateReport report) {
    // URL copies leave before the graph and come back into their representative's cluster.
    long urlCopies = report.corpusStages().stream().filter(s -> s.stage().equals("url")).findFirst()
        .map(s -> s.get("removed")).orElse(0L);
    StageCounters nodes = stage(report, "nodes");
    StageCounters exact = stage(report, "exact");
    StageCounters near = stage(report, "near");
    StageCounters clusters = stage(report, "clusters");
    String all = report.toJson();
    List<StageCounters> afterDedup = report.corpusStages()
        .subList(report.corpusStages().indexOf(clusters) + 1, report.corpusStages().size());
    long ledByThisRun = clusters.get("clusters") - clusters.get("of_previous");
    // Each stage sees what dedup and the stages before it kept; its removals are its rejects.
    long entering = clusters.get("singletons") + ledByThisRun;
    for (StageCounters after : afterDedup) {
      if (after.counts().containsKey("documents")) {
        assertEquals(entering, after.get("documents"), all);
      }
      assertEquals(after.get("documents_removed"), report.rejectedByStage().getOrDefault(after.stage(), 0L), all);
      entering -= after.get("documents_removed");
    }
    long removedAfterDedup = afterDedup.stream().mapToLong(s -> s.get("documents_removed")).sum();
    assertEquals(report.recordsIn() - (report.rejected() - removedAfterDedup) - urlCopies, nodes.get("current"), all);
    assertEquals(nodes.get("current") + nodes.get("previous"), exact.get("representatives") + exact.get("duplicates"),
        all);
    assertTrue(exact.get("groups") <= exact.get("duplicates"), all);
    assertTrue(near.get("candidate_pairs") >= near.get("verified_pairs"), all);
    assertTrue(near.get("verified_pairs") >= near.get("linked") - near.get("components"), all);
    assertTrue(near.get("linked") <= exact.get("representatives") && 2 * near.get("components") <= near.get("linked"),
        all);
    assertEquals(report.componentRounds(), near.get("rounds"), all);
    assertEquals(nodes.get("current") + urlCopies, clusters.get("singletons") + clusters.get("members"), all);
    assertEquals(report.kept(), clusters.get("singletons") + ledByThisRun - removedAfterDedup, all);
    assertEquals(report.duplicatesRemoved(), clusters.get("members") - ledByThisRun, all);
  }

  @Test
  void twoRunsWriteTheSameDocuments(@TempDir Path dir) throws IOException {
    Path input = corpus(dir);
    CurateReport one = run(input, dir.resolve("one"));
    run(input, dir.resolve("two"));
    assertEquals(
        spark.read().parquet(dir.resolve("one/documents").toString()).orderBy("id").collectAsList(),
        spark.read().parquet(dir.resolve("two/documents").toString()).orderBy("id").collectAsList());
    // Components in distributed rounds instead of the driver: the same clusters and documents.
    CurateReport rounds = run(input, dir.resolve("rounds"), "curate.dedup.driver-components-max-edges=0");
    assertEquals(0, one.componentRounds());
    assertTrue(rounds.componentRounds() > 0);
    // Reliable checkpoints (rounds, exact representatives, candidate pairs): the same again.
    run(input, dir.resolve("reliable"), "curate.dedup.driver-components-max-edges=0",
        "curate.dedup.reliable-checkpoints=true");
    for (String other : List.of("rounds", "reliable")) {
      for (String table : List.of("documents", "dedup/clusters")) {
        assertEquals(
            spark.read().parquet(dir.resolve("one/" + table).toString()).orderBy("id").collectAsList(),
            spark.read().parquet(dir.resolve(other + "/" + table).toString()).orderBy("id").collectAsList(),
            other + " " + table);
      }
    }
  }

  @Test
  void withDedupOffEveryPassingDocumentIsKept(@TempDir Path dir) throws IOException {
    CurateReport report = run(corpus(dir), dir.resolve("out"), "curate.dedup.exact=false", "curate.dedup.near=false");
    assertEquals(7, report.kept());
    assertEquals(0, report.duplicatesRemoved());
    assertTrue(report.balances());
  }

  @Test
  void aClassifierWritesItsScoreColumnAndRejectsWithItsRule(@TempDir Path dir) throws IOException {
    String model = "../pipeline-classify/src/test/resources/fasttext/quality-softmax-bigram.bin";
    List<String> spam = BrownTexts.spam(3);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add(BrownTexts.line("prose-" + i, brown.get(i)));
      if (i < spam.size()) {
        lines.add(BrownTexts.line("spam-" + i, spam.get(i)));
      }
    }
    Path input = write(dir.resolve("in.jsonl"), lines.toArray(new String[0]));
    String[] onlyTheClassifier = {"curate.filter.c4-page.enabled=false", "curate.filter.gopher-quality.enabled=false",
        "curate.filter.gopher-repetition.enabled=false", "curate.filter.fineweb-quality.enabled=false",
        "curate.filter.language.enabled=false", "curate.dedup.enabled=false"};
    List<String> sets = new ArrayList<>(List.of(onlyTheClassifier));
    sets.add("curate.filter.classifiers=[{ name = quality, model = \"" + model + "\", label = __label__spam,"
        + " max-score = 0.5 }]");
    CurateReport report = run(input, dir.resolve("out"), sets.toArray(new String[0]));

    Dataset<Row> documents = spark.read().parquet(dir.resolve("out/documents").toString());
    assertEquals("quality_score", documents.schema().fieldNames()[documents.schema().fieldNames().length - 1]);
    FastTextModel fastText = FastTextModels.load(model, new org.apache.hadoop.conf.Configuration());
    Map<String, Double> kept = new TreeMap<>();
    for (Row row : documents.collectAsList()) {
      double spamScore = fastText.predict(row.<String>getAs("text").replace('\n', ' '), -1, 0f).stream()
          .filter(p -> p.label().equals("__label__spam")).findFirst().orElseThrow().probability();
      assertEquals(spamScore, row.<Double>getAs("quality_score"), row.<String>getAs("id"));
      kept.put(row.getAs("id"), spamScore);
    }
    assertEquals(List.of("prose-0", "prose-1", "prose-2", "prose-3"), List.copyOf(kept.keySet()));
    List<Row> rejected = spark.read().parquet(dir.resolve("out/rejected").toString()).orderBy("id").collectAsList();
    assertEquals(List.of("spam-0", "spam-1", "spam-2"), rejected.stream().map(r -> r.<String>getAs("id")).toList());
    for (Row row : rejected) {
      assertEquals("classifier:quality", row.getAs("rule"));
      assertEquals("classifier/quality", row.getAs("reason"));
      assertTrue(row.<Double>getAs("value") > 0.5, row.toString());
    }
    assertEquals(Map.of("classifier/quality", 3L), report.rejectedByReason().get("filter"));
    assertTrue(report.balances());
  }

  private static Path write(Path file, String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void verificationSplitsPairsThatBandingMergedByChance(@TempDir Path dir) throws IOException {
    // 20 bands of 1 row: pairs sharing a third of their shingles collide in some band almost surely.
    String sharedHalf = brown.get(0);
    Path input = write(dir.resolve("in.jsonl"),
        BrownTexts.line("x", sharedHalf + "\n" + brown.get(1)),
        BrownTexts.line("y", sharedHalf + "\n" + brown.get(2)),
        BrownTexts.line("z-near-of-x", BrownTexts.nearCopy(sharedHalf + "\n" + brown.get(1))));
    String[] loose = {"curate.minhash.preset=custom", "curate.minhash.bands=20", "curate.minhash.rows=1"};
    List<String> plain = new ArrayList<>(List.of(loose));
    plain.add("curate.dedup.verify.enabled=false");
    run(input, dir.resolve("plain"), plain.toArray(new String[0]));
    assertEquals(List.of("x"), List.copyOf(byId(dir.resolve("plain/documents")).keySet()));

    // Verification is on by default, at 0.7.
    CurateReport report = run(input, dir.resolve("verified"), loose);
    Map<String, Row> docs = byId(dir.resolve("verified/documents"));
    assertEquals(List.of("x", "y"), List.copyOf(docs.keySet()));
    assertEquals(2, docs.get("x").getInt(6));
    assertEquals(1, report.nearDuplicatesRemoved());
  }

  @Test
  void refreshRemovesCopiesOfThePreviousCorpusAndExtendsItsIndex(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    run(write(dir.resolve("a.jsonl"), BrownTexts.line("b0", brown.get(0)), BrownTexts.line("b1", brown.get(1)),
        BrownTexts.line("b2", brown.get(2))), first);

    // New ids sort before the old ones: the old document must still win.
    String nearB2 = BrownTexts.nearCopy(brown.get(2));
    Path second = dir.resolve("second");
    CurateReport report = run(write(dir.resolve("b.jsonl"),
        BrownTexts.line("a-exact-of-b1", brown.get(1).replace("the ", "The ")),
        BrownTexts.line("a-near-of-b2", nearB2),
        BrownTexts.line("a-exact-of-near", nearB2.replace("the ", "The ")),
        BrownTexts.line("b3", brown.get(3)),
        BrownTexts.line("b4", brown.get(4))), second, Optional.of(first));
    assertEquals(List.of("b3", "b4"), List.copyOf(byId(second.resolve("documents")).keySet()));
    assertEquals(3, report.previousDuplicatesRemoved());
    assertEquals(0, report.exactDuplicatesRemoved() + report.nearDuplicatesRemoved());
    assertTrue(report.balances());
    Map<String, Row> clusters = byId(second.resolve("dedup/clusters"));
    assertEquals(List.of("a-exact-of-b1", "a-exact-of-near", "a-near-of-b2"), List.copyOf(clusters.keySet()));
    assertEquals("b1", clusters.get("a-exact-of-b1").getString(1));
    assertEquals("b2", clusters.get("a-exact-of-near").getString(1));
    assertEquals(false, clusters.get("a-near-of-b2").getBoolean(3));
    for (Row member : clusters.values()) {
      assertEquals("previous", member.getString(4), member.toString());
    }
    assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), List.copyOf(byId(second.resolve("dedup/index")).keySet()));
    assertCorpusStagesAddUp(report);
    assertEquals(Map.of("current", 5L, "previous", 3L), stage(report, "nodes").counts());
    assertEquals(3, JSON.readTree(second.resolve("report.json").toFile()).get("duplicates_removed").get("of_previous")
        .asLong());

    // A third run against the second sees the documents of both.
    Path third = dir.resolve("third");
    CurateReport again = run(write(dir.resolve("c.jsonl"),
        BrownTexts.line("a-copy-of-b0", brown.get(0)),
        BrownTexts.line("a-near-of-b3", BrownTexts.nearCopy(brown.get(3))),
        BrownTexts.line("b5", brown.get(5))),
        third, Optional.of(second));
    assertEquals(List.of("b5"), List.copyOf(byId(third.resolve("documents")).keySet()));
    assertEquals(2, again.previousDuplicatesRemoved());
    assertEquals(List.of("b0", "b1", "b2", "b3", "b4", "b5"), List.copyOf(byId(third.resolve("dedup/index")).keySet()));
  }

  @Test
  void aDocumentWithTheIdOfAPreviousOneIsAnotherDocument(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    run(write(dir.resolve("a.jsonl"), BrownTexts.line("b0", brown.get(0)), BrownTexts.line("b1", brown.get(1)),
        BrownTexts.line("b2", brown.get(2))), first);

    // The same file curated again, and edits under the same ids: b0 repeats its previous self
    // (exactly), b2 nearly; b1 is new text under an old id, kept, with a near copy of its own;
    // c-copy-of-old-b1 repeats the previous b1, so two clusters are labelled b1.
    Path input = write(dir.resolve("b.jsonl"),
        BrownTexts.line("b0", brown.get(0)),
        BrownTexts.line("b1", brown.get(5)),
        BrownTexts.line("b2", BrownTexts.nearCopy(brown.get(2))),
        BrownTexts.line("z-near-of-new-b1", BrownTexts.nearCopy(brown.get(5))),
        BrownTexts.line("c-copy-of-old-b1", brown.get(1)));
    Path second = dir.resolve("second");
    CurateReport report = run(input, second, Optional.of(first));
    Map<String, Row> documents = byId(second.resolve("documents"));
    assertEquals(List.of("b1"), List.copyOf(documents.keySet()));
    assertEquals(brown.get(5), documents.get("b1").getString(1));
    assertEquals(2, documents.get("b1").getInt(6));
    assertEquals(List.of(1L, 3L, 0L), List.of(report.nearDuplicatesRemoved(), report.previousDuplicatesRemoved(),
        report.exactDuplicatesRemoved()));
    assertTrue(report.balances());
    assertCorpusStagesAddUp(report);
    assertEquals(Map.of("current", 5L, "previous", 3L), stage(report, "nodes").counts());
    assertEquals(Map.of("clusters", 4L, "of_previous", 3L, "members", 5L, "singletons", 0L, "largest", 2L),
        stage(report, "clusters").counts());

    List<String> clusters = new ArrayList<>();
    for (Row row : spark.read().parquet(second.resolve("dedup/clusters").toString()).orderBy("id").collectAsList()) {
      clusters.add(row.getString(0) + " " + row.getString(1) + " " + row.getInt(2) + " " + row.getBoolean(3) + " "
          + row.getString(4));
    }
    assertEquals(List.of("b0 b0 2 false previous", "b1 b1 2 true null", "b2 b2 2 false previous",
        "c-copy-of-old-b1 b1 2 false previous", "z-near-of-new-b1 b1 2 false near"), clusters);
    // The index holds both b1: the previous one and the one kept now.
    assertEquals(List.of("b0", "b1", "b1", "b2"), spark.read().parquet(second.resolve("dedup/index").toString())
        .orderBy("id").select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());

    // Components in distributed rounds: the same documents and clusters.
    Path rounds = dir.resolve("rounds");
    CurateReport inRounds = run(input, rounds, Optional.of(first), "curate.dedup.driver-components-max-edges=0");
    assertTrue(inRounds.componentRounds() > 0);
    for (String table : List.of("documents", "dedup/clusters", "dedup/index")) {
      assertEquals(sortedRows(second.resolve(table)), sortedRows(rounds.resolve(table)), table);
    }
  }

  private static List<String> sortedRows(Path table) {
    return spark.read().parquet(table.toString()).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** A directory with the test corpus, a README, and Brown texts 4-7 gzipped and cut at 70% of their bytes. */
  private static Path inputsWithATruncatedFile(Path dir) throws IOException {
    Path inputs = Files.createDirectory(dir.resolve("inputs"));
    Files.move(corpus(dir), inputs.resolve("in.jsonl"));
    Files.writeString(inputs.resolve("README.md"), "# where these came from\n");
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out = new GZIPOutputStream(gz)) {
      for (int i = 4; i < 8; i++) {
        out.write((BrownTexts.line("cut-" + i, brown.get(i)) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(inputs.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(gz.toByteArray(), gz.size() * 7 / 10));
    return inputs;
  }

  @Test
  void aTruncatedInputIsOneRejectListedInTheReportAndTheRunGoesOn(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    CurateReport report = run(inputsWithATruncatedFile(dir), out, "read.max-bad-fraction=0.3");

    List<Row> fromCut = spark.read().parquet(out.resolve("documents").toString()).filter("id LIKE 'cut-%'")
        .orderBy("id").collectAsList();
    assertEquals(List.of("cut-4", "cut-5"), fromCut.stream().map(r -> r.getString(0)).toList()); // before the break
    assertEquals(1L, report.rejectedByReason().get("read").get("truncated-input"));
    assertEquals(1L, report.rejectedByReason().get("read").get("malformed-json"));
    assertEquals(9 + 2 + 1, report.recordsIn());
    assertTrue(report.balances());

    Row broken = spark.read().parquet(out.resolve("rejected").toString()).filter("reason = 'truncated-input'").first();
    assertEquals(List.of("read", "read.on-corrupt-file"), List.of(broken.getAs("stage"), broken.getAs("rule")));
    assertTrue(broken.<String>getAs("file").endsWith("/inputs/cut.jsonl.gz"));
    long brokenAt = broken.getAs("offset");
    assertEquals(BrownTexts.line("cut-4", brown.get(4)).getBytes(StandardCharsets.UTF_8).length + 1
        + BrownTexts.line("cut-5", brown.get(5)).getBytes(StandardCharsets.UTF_8).length + 1, brokenAt);

    JsonNode files = JSON.readTree(out.resolve("report.json").toFile()).get("input_files");
    assertEquals(2, files.get("read").asInt());
    assertEquals(1, files.get("skipped").asInt());
    assertTrue(files.get("skipped_files").get(0).get("file").asText().endsWith("/inputs/README.md"));
    assertEquals("not-a-data-file", files.get("skipped_files").get(0).get("reason").asText());
    assertEquals(1, files.get("broken").asInt());
    JsonNode brokenFile = files.get("broken_files").get(0);
    assertEquals(broken.<String>getAs("file"), brokenFile.get("file").asText());
    assertEquals(brokenAt, brokenFile.get("offset").asLong());
    assertEquals("EOFException: Unexpected end of ZLIB input stream", brokenFile.get("error").asText());
    assertTrue(report.summary().contains("input files: 2 read, 1 skipped {not-a-data-file=1}, 1 broken"),
        report.summary().toString());
  }

  @Test
  void underFailATruncatedInputStopsTheRunWithOneLineAndWritesNothing(@TempDir Path dir) throws IOException {
    Path inputs = inputsWithATruncatedFile(dir);
    Path out = dir.resolve("out");
    CorruptInputFile e = org.junit.jupiter.api.Assertions.assertThrows(CorruptInputFile.class,
        () -> run(inputs, out, "read.on-corrupt-file=fail"));
    assertTrue(e.getMessage().startsWith("read: file:" + inputs.resolve("cut.jsonl.gz") + " is truncated or corrupt"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    assertTrue(Files.notExists(out.resolve("_SUCCESS")));
  }

  @Test
  void refusesAPreviousOutputThatIsUnfinishedOrIndexedOtherwise(@TempDir Path dir) throws IOException {
    Path input = write(dir.resolve("a.jsonl"), BrownTexts.line("b0", brown.get(0)));
    Path first = dir.resolve("first");
    run(input, first);
    IllegalArgumentException seed = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> run(input, dir.resolve("other-seed"), Optional.of(first), "curate.minhash.seed=1"));
    assertTrue(seed.getMessage().contains("curate.minhash.seed"), seed.getMessage());
    assertTrue(Files.notExists(dir.resolve("other-seed/_SUCCESS")));

    Files.delete(first.resolve("_SUCCESS"));
    IllegalArgumentException unfinished = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> run(input, dir.resolve("out"), Optional.of(first)));
    assertTrue(unfinished.getMessage().contains("_SUCCESS"), unfinished.getMessage());
  }
}
