package dev.pretrain.jobs.refresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.tokenize.shards.TokenizeVerifier;
import dev.pretrain.trainer.data.ShardDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshes over overlapping snapshots of Brown texts: copies of documents already in the corpus
 * are not added again, totals add up, a repeated snapshot is a no-op, a failed refresh leaves
 * CURRENT where it was, and every published version reads as a complete token dataset.
 */
class RefreshJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;
  private static List<ObjectNode> brown;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start(RefreshJobTest.class);
    brown = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(Path.of("sample/corpus/brown.jsonl.gz"))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && brown.size() < 90; line = in.readLine()) {
        brown.add((ObjectNode) JSON.readTree(line));
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void refreshesAddOnlyNewDocumentsAndPublishLast() throws IOException {
    String root = tmp.resolve("corpus").toString();
    RefreshJob job = job();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();

    // v0001: Brown texts 0..39.
    RefreshJob.Outcome first = job.run(root, List.of(snapshot("s1", 0, 40, 0, 0)));
    assertEquals(Optional.of("v0001"), first.version());
    assertEquals(40, first.record().snapshotDocuments());
    Set<String> keptFirst = curatedIds(root, "v0001");
    assertTrue(keptFirst.size() >= 30, "most Brown texts pass the filters: " + keptFirst.size());

    // v0002: texts 30..69, where 30..34 are verbatim copies under new ids and 35..39 copies with
    // one word changed: only 40..69 are new.
    RefreshJob.Outcome second = job.run(root, List.of(snapshot("s2", 30, 70, 35, 40)));
    assertEquals(Optional.of("v0002"), second.version());
    Set<String> keptSecond = curatedIds(root, "v0002");
    for (String id : keptSecond) {
      int n = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
      assertTrue(n >= 40, "a copy of a corpus document was added again: " + id);
    }
    long copiesOfKept = keptFirst.stream().filter(id -> number(id) >= 30).count();
    assertEquals(copiesOfKept, second.record().duplicatesOfPrevious());
    assertEquals(keptSecond.size(), second.record().newDocuments());
    assertEquals(first.record().corpusDocuments() + second.record().newDocuments(),
        second.record().corpusDocuments());
    assertEquals(first.record().corpusTokens() + second.record().newTokens(), second.record().corpusTokens());
    assertEquals("v0002", current(root));

    // The same snapshot again: recognised, nothing written.
    RefreshJob.Outcome again = job.run(root, List.of(tmp.resolve("s2").toString()));
    assertEquals(RefreshJob.Result.ALREADY_PRESENT, again.result());
    assertEquals(Optional.of("v0002"), again.version());
    assertFalse(Files.exists(Path.of(root, "v0003")));

    // A snapshot of malformed records fails in curate: CURRENT stays.
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(broken.resolve("bad.jsonl"), "{not json\n".repeat(20));
    assertThrows(RuntimeException.class, () -> job.run(root, List.of(broken.toString())));
    assertEquals("v0002", current(root));
    assertFalse(Files.exists(Path.of(root, "v0003", VersionRecord.FILE_NAME)));

    // The next good refresh replaces the failed attempt's debris.
    RefreshJob.Outcome third = job.run(root, List.of(snapshot("s3", 70, 90, 0, 0)));
    assertEquals(Optional.of("v0003"), third.version());
    assertEquals("v0003", current(root));

    // The same documents under a new file name add nothing: no empty version is published.
    Path renamed = Files.createDirectories(tmp.resolve("s3-renamed"));
    Files.copy(tmp.resolve("s3/part.jsonl"), renamed.resolve("copy.jsonl"));
    RefreshJob.Outcome nothing = job.run(root, List.of(renamed.toString()));
    assertEquals(RefreshJob.Result.NOTHING_NEW, nothing.result());
    assertEquals(Optional.of("v0003"), nothing.version());
    assertEquals(20, nothing.snapshotDocuments());
    assertEquals("v0003", current(root));
    assertFalse(Files.exists(Path.of(root, "v0004")), "the prepared version is removed again");

    // Every version is a complete dataset: the verifier reads every row, and the trainer opens it.
    for (String version : List.of("v0001", "v0002", "v0003")) {
      String shards = root + "/" + version + "/" + RefreshJob.SHARDS;
      TokenizeVerifier.Result verified = TokenizeVerifier.verify(hadoop, shards);
      assertTrue(verified.ok(), version + ": " + verified.problems());
      Manifest manifest = ShardDataset.open(shards, hadoop, 50304, 16, true).manifest();
      VersionRecord record = VersionRecord.read(root + "/" + version + "/" + VersionRecord.FILE_NAME, hadoop);
      assertEquals(record.corpusRows(), manifest.totals().rows(), version);
      assertEquals(record.corpusDocuments(), manifest.totals().documents(), version);
    }
    // Later versions list the earlier shards in place rather than copying them.
    try (var files = Files.walk(Path.of(root, "v0003", RefreshJob.SHARDS))) {
      long parquet = files.filter(p -> p.toString().endsWith(".parquet")).count();
      Manifest m = ShardDataset.open(root + "/v0003/shards", hadoop, 50304, 16, false).manifest();
      long listed = m.splits().values().stream().mapToLong(s -> s.shards().size()).sum();
      assertTrue(listed > parquet, "v0003 lists " + listed + " shards but holds " + parquet);
    }
  }

  @Test
  void aVersionDirectoryRefreshDidNotCreateIsRefusedAndKept() throws IOException {
    Path root = tmp.resolve("foreign-corpus");
    Path mine = Files.createDirectories(root.resolve("v0001"));
    Files.writeString(mine.resolve("notes.txt"), "my own notes");
    // Without the marker, CURRENT or only versions in it, the root is not a corpus.
    OutputRefused notCorpus = assertThrows(OutputRefused.class,
        () -> job().run(root.toString(), List.of(snapshot("f1", 0, 5, 0, 0))));
    assertTrue(notCorpus.getMessage().contains("not an output of the pipeline's refresh job"), notCorpus.getMessage());
    assertEquals("my own notes", Files.readString(mine.resolve("notes.txt")));

    // Inside a corpus root refresh did create, a v0001 it did not create is refused, not wiped.
    Path corpus = tmp.resolve("corpus-with-foreign-version");
    job().run(corpus.toString(), List.of(snapshot("f2", 0, 5, 0, 0)));
    Files.delete(corpus.resolve("CURRENT"));
    Path foreign = corpus.resolve("v0001");
    String marker = Files.readString(foreign.resolve(OutputDirectory.MARKER));
    Files.delete(foreign.resolve(OutputDirectory.MARKER));
    Files.writeString(foreign.resolve("notes.txt"), "added by hand");
    OutputRefused refused = assertThrows(OutputRefused.class,
        () -> job().run(corpus.toString(), List.of(snapshot("f3", 5, 10, 0, 0))));
    assertTrue(refused.getMessage().contains("v0001"), refused.getMessage());
    assertEquals("added by hand", Files.readString(foreign.resolve("notes.txt")));
    assertTrue(Files.isDirectory(foreign.resolve(RefreshJob.CURATED)));
    assertTrue(marker.contains("refresh-version"), marker);
  }

  @Test
  void aCorpusRootThatHoldsTheSnapshotIsRefused() throws IOException {
    Path root = tmp.resolve("holds-snapshot");
    Files.createDirectories(root);
    String inside = snapshot("holds-snapshot/raw", 0, 5, 0, 0);
    byte[] before = Files.readAllBytes(Path.of(inside, "part.jsonl"));
    OutputRefused e = assertThrows(OutputRefused.class, () -> job().run(root.toString(), List.of(inside)));
    assertTrue(e.getMessage().contains("contains the input " + inside), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(Path.of(inside, "part.jsonl")));
    try (var entries = Files.list(root)) {
      assertEquals(List.of(root.resolve("raw")), entries.toList(), "nothing written");
    }
  }

  /** Brown texts [from, to) as a JSONL snapshot; [edited, copiesEnd) get one word changed. */
  private static String snapshot(String name, int from, int to, int edited, int copiesEnd) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < to; i++) {
      ObjectNode doc = brown.get(i).deepCopy();
      doc.put("id", name + "-" + i);
      if (i >= edited && i < copiesEnd) {
        doc.put("text", doc.get("text").asText().replaceFirst("\\bthe\\b", "a"));
      }
      lines.append(JSON.writeValueAsString(doc)).append('\n');
    }
    Files.writeString(dir.resolve("part.jsonl"), lines);
    return dir.toString();
  }

  private static int number(String id) {
    return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
  }

  private static Set<String> curatedIds(String root, String version) {
    Set<String> ids = new HashSet<>();
    for (Row row : spark.read().parquet(root + "/" + version + "/curated/documents").select("id").collectAsList()) {
      ids.add(row.getString(0));
    }
    return ids;
  }

  private static String current(String root) throws IOException {
    return Files.readString(Path.of(root, CorpusRoot.CURRENT)).trim();
  }

  private static RefreshJob job() {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of(
            "refresh.train-tokenizer=true", "train-tokenizer.vocab-size=300", "tokenize.seq-len=16",
            "tokenize.rows-per-shard=64", "tokenize.rows-per-row-group=64"),
        CurateSettings.SCHEMA.plus(TrainTokenizerSettings.SCHEMA).plus(TokenizeSettings.SCHEMA)
            .plus(RefreshSettings.SCHEMA));
    SettingsReader r = config.reader();
    RefreshJob job = new RefreshJob(spark, CurateSettings.read(r), TrainTokenizerSettings.read(r),
        TokenizeSettings.read(r), RefreshSettings.read(r));
    r.finish();
    return job;
  }
}
