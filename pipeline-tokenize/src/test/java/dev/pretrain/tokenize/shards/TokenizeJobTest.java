package dev.pretrain.tokenize.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.common.shards.TokenCodec;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeJobTest {
  private static final String BAD_ID = "doc-bad";
  private static final int SEQ_LEN = 15;
  private static final long SEED = 7;

  private static SparkSession spark;
  private static Tokenizer tokenizer;
  private static List<String[]> docs;
  private static String input;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start(TokenizeJobTest.class);
    tokenizer = Tokenizers.load("tiktoken:r50k_base");
    docs = new ArrayList<>(Corpus.documents(40));
    // Parquet cannot hold an unpaired surrogate (Spark writes '?'), so encode failures are
    // pinned down by EncodeDocumentsTest; this one shows such text arrives repaired.
    docs.add(new String[] {BAD_ID, "broken ? surrogate"});
    Corpus.write(spark, List.<String[]>of(new String[] {BAD_ID, "broken \uD800 surrogate"}), tmp.resolve("surrogate").toString());
    input = tmp.resolve("documents").toString();
    Corpus.write(spark, docs, input);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static TokenizeSettings settings(String... overrides) {
    List<String> all = new ArrayList<>(List.of("tokenize.tokenizer=\"tiktoken:r50k_base\"", "tokenize.seq-len=" + SEQ_LEN,
        "tokenize.val-fraction=0.3", "tokenize.seed=" + SEED, "tokenize.rows-per-shard=4",
        "tokenize.rows-per-row-group=2", "tokenize.pack-partitions=1"));
    all.addAll(List.of(overrides));
    SettingsReader r = ConfigLayers.load(Optional.empty(), all, TokenizeSettings.SCHEMA).reader();
    TokenizeSettings s = TokenizeSettings.read(r);
    r.finish();
    return s;
  }

  private record ShardRow(long seqIdx, int[] tokens, int[] docStarts) {}

  private static List<ShardRow> readSplit(String dir, String split) {
    List<ShardRow> rows = new ArrayList<>();
    for (Row r : spark.read().parquet(dir + "/" + split).collectAsList()) {
      rows.add(new ShardRow(r.getLong(2), TokenCodec.decode((byte[]) r.get(0)),
          r.<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray()));
    }
    rows.sort(Comparator.comparingLong(ShardRow::seqIdx));
    return rows;
  }

  private static int[] withEot(String text) {
    int[] ids = tokenizer.encodeOrdinary(text);
    int[] out = Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = tokenizer.specialTokens().get("<|endoftext|>");
    return out;
  }

  private static Manifest manifest(String dir) throws IOException {
    return ManifestFile.parse(Files.readAllBytes(Path.of(dir, "manifest.json")), dir);
  }

  @Test
  void everyTokenOfEveryDocumentIsInExactlyOneRowExceptTheCountedRemainder() throws IOException {
    String out = tmp.resolve("one-group").toString();
    TokenizeReport report = TokenizeJob.run(spark, settings(), input, out);
    Manifest manifest = manifest(out);
    // report.html beside the manifest, with its totals.
    assertTrue(Files.readString(Path.of(out, "report.html")).contains(String.format(java.util.Locale.ROOT, "%,d",
        manifest.totals().tokens())));
    int eot = tokenizer.specialTokens().get("<|endoftext|>");
    long dropped = 0;
    long seenDocs = 0;
    for (String split : List.of(TokenizeJob.TRAIN, TokenizeJob.VAL)) {
      // The documents of this split in id order, concatenated, as the single pack group holds them.
      List<String[]> expectedDocs = docs.stream()
          .filter(d -> EncodeDocuments.splitOf(d[0], 0.3).equals(split))
          .sorted(Comparator.comparing(d -> d[0])).toList();
      assertFalse(expectedDocs.isEmpty(), split);
      List<Integer> stream = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (String[] d : expectedDocs) {
        starts.add(stream.size());
        for (int id : withEot(d[1])) {
          stream.add(id);
        }
      }
      List<ShardRow> rows = readSplit(out, split);
      int rowLen = SEQ_LEN + 1;
      assertEquals(stream.size() / rowLen, rows.size(), split);
      // Undo the seeded shuffle: row r of the single group sits at seq_idx perm(r).
      SeededPermutation perm = new SeededPermutation(rows.size(), SEED);
      int[] byKey = new int[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        byKey[(int) perm.apply(r)] = r;
      }
      int[] packed = new int[rows.size() * rowLen];
      List<Integer> packedStarts = new ArrayList<>();
      for (int seq = 0; seq < rows.size(); seq++) {
        ShardRow row = rows.get(seq);
        assertEquals(seq, row.seqIdx());
        assertEquals(rowLen, row.tokens().length, "row length");
        int r = byKey[seq];
        System.arraycopy(row.tokens(), 0, packed, r * rowLen, rowLen);
        for (int s : row.docStarts()) {
          packedStarts.add(r * rowLen + s);
        }
      }
      packedStarts.sort(null);
      int[] expectedPrefix = stream.subList(0, packed.length).stream().mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expectedPrefix, packed, split);
      assertEquals(starts.stream().filter(s -> s < packed.length).toList(), packedStarts, split + " doc_starts");
      // Decoding each document's span (up to its end-of-text id) gives its text back.
      for (int i = 0; i < packedStarts.size(); i++) {
        int from = packedStarts.get(i);
        int to = i + 1 < packedStarts.size() ? packedStarts.get(i + 1) : stream.size();
        if (to <= packed.length) {
          assertEquals(eot, packed[to - 1]);
          assertEquals(expectedDocs.get(i)[1], tokenizer.decode(Arrays.copyOfRange(packed, from, to - 1)));
        }
      }
      dropped += stream.size() - packed.length;
      seenDocs += expectedDocs.size();
      assertEquals(expectedDocs.size(), manifest.splits().get(split).documents());
    }
    assertEquals(dropped, manifest.totals().droppedTokens());
    assertEquals(dropped, report.droppedTokens());
    assertEquals(0, manifest.totals().rejectedDocuments());
    assertEquals(seenDocs, manifest.totals().documents());
    assertEquals(0, spark.read().parquet(out + "/rejects").count());
    assertEquals("broken ? surrogate",
        spark.read().parquet(tmp.resolve("surrogate").toString()).select("text").first().getString(0));
    assertTrue(AtomicOutput.isComplete(out, new Configuration()));

    // report.json: the fixture's one source and language hold every document, id and byte.
    JsonNode statistics = new ObjectMapper().readTree(Path.of(out, "report.json").toFile());
    long textBytes = docs.stream().mapToLong(d -> d[1].getBytes(StandardCharsets.UTF_8).length).sum();
    long[] bins = new long[32];
    docs.forEach(d -> bins[31 - Integer.numberOfLeadingZeros(withEot(d[1]).length)]++);
    for (String[] group : List.of(new String[] {"by_source", "source", "fixture"}, new String[] {"by_language", "lang", "en"})) {
      JsonNode rows = statistics.get(group[0]);
      assertEquals(1, rows.size(), rows.toString());
      assertEquals(group[2], rows.get(0).get(group[1]).asText());
      assertEquals(manifest.totals().documents(), rows.get(0).get("documents").asLong());
      assertEquals(manifest.totals().tokens(), rows.get(0).get("tokens").asLong());
      assertEquals(textBytes, rows.get(0).get("text_bytes").asLong());
    }
    JsonNode histogram = statistics.at("/tokens_per_document/0");
    assertEquals("fixture", histogram.get("source").asText());
    for (JsonNode bin : histogram.get("bins")) {
      int k = 63 - Long.numberOfLeadingZeros(bin.get("start").asLong());
      assertEquals(bins[k], bin.get("documents").asLong(), bin.toString());
      bins[k] = 0;
    }
    assertEquals(0, Arrays.stream(bins).sum(), "every non-empty bin is listed");
  }

  @Test
  void manyPackGroupsKeepEveryTokenButEachGroupsRemainder() throws IOException {
    String out = tmp.resolve("groups").toString();
    TokenizeReport report = TokenizeJob.run(spark, settings("tokenize.pack-partitions=3"), input, out);
    Map<Integer, Long> expected = new HashMap<>();
    long total = 0;
    for (String[] d : docs) {
      for (int id : withEot(d[1])) {
        expected.merge(id, 1L, Long::sum);
        total++;
      }
    }
    Map<Integer, Long> packed = new HashMap<>();
    long rows = 0;
    for (String split : List.of(TokenizeJob.TRAIN, TokenizeJob.VAL)) {
      for (ShardRow row : readSplit(out, split)) {
        assertEquals(SEQ_LEN + 1, row.tokens().length);
        for (int id : row.tokens()) {
          packed.merge(id, 1L, Long::sum);
        }
        rows++;
      }
    }
    packed.forEach((id, n) -> assertTrue(expected.getOrDefault(id, 0L) >= n, "id " + id + " packed too often"));
    assertEquals(total, report.tokens());
    assertEquals(total - rows * (SEQ_LEN + 1), report.droppedTokens());
    assertTrue(report.droppedTokens() < 2L * 3 * (SEQ_LEN + 1), "at most one partial row per group and split");
  }

  @Test
  void padModeFillsEachGroupsLastRowWithEndOfTextAndAnEmptyValSplitIsListedEmpty() throws IOException {
    String out = tmp.resolve("pad").toString();
    TokenizeReport report = TokenizeJob.run(spark,
        settings("tokenize.remainder=pad", "tokenize.val-fraction=0"), input, out);
    assertEquals(0, report.droppedTokens());
    assertEquals(report.rows() * (SEQ_LEN + 1), report.tokens() + report.paddedTokens());
    assertTrue(report.paddedTokens() > 0);
    Manifest manifest = manifest(out);
    assertEquals(0, manifest.splits().get(TokenizeJob.VAL).rows());
    assertTrue(manifest.splits().get(TokenizeJob.VAL).shards().isEmpty());
    assertEquals(docs.size(), manifest.splits().get(TokenizeJob.TRAIN).documents());
    assertTrue(TokenizeVerifier.verify(spark, out).ok());
  }

  @Test
  void twoRunsGiveByteIdenticalShardsAndManifest() throws IOException {
    String a = tmp.resolve("run-a").toString();
    String b = tmp.resolve("run-b").toString();
    TokenizeJob.run(spark, settings("tokenize.pack-partitions=3"), input, a);
    TokenizeJob.run(spark, settings("tokenize.pack-partitions=3"), input, b);
    assertArrayEquals(Files.readAllBytes(Path.of(a, "manifest.json")), Files.readAllBytes(Path.of(b, "manifest.json")));
    Manifest manifest = manifest(a);
    int shards = 0;
    for (Manifest.Split split : manifest.splits().values()) {
      for (Manifest.Shard shard : split.shards()) {
        assertArrayEquals(Files.readAllBytes(Path.of(a, shard.path())), Files.readAllBytes(Path.of(b, shard.path())),
            shard.path());
        shards++;
      }
    }
    assertTrue(shards >= 3, "several shards compared");
  }

  @Test
  void shardsHoldExactlyRowsPerRowGroupAndRowsPerShard() throws IOException {
    String out = tmp.resolve("row-groups").toString();
    TokenizeJob.run(spark, settings("tokenize.rows-per-shard=6", "tokenize.rows-per-row-group=3"), input, out);
    Manifest manifest = manifest(out);
    List<Manifest.Shard> shards = manifest.splits().get(TokenizeJob.TRAIN).shards();
    assertTrue(shards.size() >= 2);
    for (int i = 0; i < shards.size(); i++) {
      Manifest.Shard shard = shards.get(i);
      assertEquals(i * 6L, shard.firstSeqIdx());
      assertEquals(String.format("train/shard-%05d.parquet", i), shard.path());
      boolean last = i == shards.size() - 1;
      if (!last) {
        assertEquals(6, shard.rows());
      }
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(out, shard.path()), new Configuration()))) {
        List<Long> groups = reader.getFooter().getBlocks().stream().map(BlockMetaData::getRowCount).toList();
        for (int g = 0; g < groups.size() - 1; g++) {
          assertEquals(3L, groups.get(g), shard.path() + " row groups " + groups);
        }
        assertEquals(shard.rows(), groups.stream().mapToLong(Long::longValue).sum());
        assertEquals(last ? (shard.rows() + 2) / 3 : 2, groups.size(), shard.path() + " row groups " + groups);
      }
    }
  }

  @Test
  void verifierAcceptsADatasetAndCatchesACorruptAndAMissingShard() throws IOException {
    String out = tmp.resolve("verify").toString();
    TokenizeJob.run(spark, settings(), input, out);
    Configuration conf = new Configuration();
    TokenizeVerifier.Result fine = TokenizeVerifier.verify(conf, out);
    assertTrue(fine.ok(), fine.problems().toString());
    Manifest manifest = manifest(out);
    assertEquals(manifest.totals().rows(), fine.rowsChecked());

    List<Manifest.Shard> shards = manifest.splits().get(TokenizeJob.TRAIN).shards();
    Path corrupt = Path.of(out, shards.get(0).path());
    byte[] bytes = Files.readAllBytes(corrupt);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(corrupt, bytes);
    Files.deleteIfExists(corrupt.resolveSibling("." + corrupt.getFileName() + ".crc"));
    Files.delete(Path.of(out, shards.get(1).path()));

    List<String> problems = TokenizeVerifier.verify(conf, out).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(shards.get(0).path()) && problems.get(0).contains("sha256"), problems.get(0));
    assertTrue(problems.get(1).contains(shards.get(1).path()) && problems.get(1).contains("missing"), problems.get(1));
  }

  @Test
  void verifierListsEveryProblemAlsoWhenHadoopsChecksumFilesCatchTheCorruptionFirst() throws IOException {
    String out = tmp.resolve("verify-crc").toString();
    Path gz = Path.of("src/test/resources/dev/pretrain/tokenize/gpt2/tokenizer.json.gz").toAbsolutePath();
    TokenizeJob.run(spark, settings("tokenize.tokenizer=\"" + gz + "\"", "tokenize.rows-per-shard=6",
        "tokenize.rows-per-row-group=3"), input, out);
    List<Manifest.Shard> shards = manifest(out).splits().get(TokenizeJob.TRAIN).shards();
    assertTrue(shards.size() >= 2, "two train shards: " + shards.size());
    // A flipped byte with the .crc side file left in place: Hadoop's reader fails before any hashing.
    Path flipped = Path.of(out, shards.get(0).path());
    byte[] bytes = Files.readAllBytes(flipped);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(flipped, bytes);
    Files.delete(Path.of(out, shards.get(1).path()));
    Files.writeString(Path.of(out, TokenizeJob.TRAIN, "shard-99999.parquet"), "left over");
    Files.writeString(Path.of(out, TokenizeJob.TOKENIZER), "{}");

    List<String> problems = TokenizeVerifier.verify(new Configuration(), out).problems();
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(shards.get(0).path()) && problems.get(0).contains("checksum file"),
        problems.get(0));
    assertTrue(problems.get(1).contains(shards.get(1).path()) && problems.get(1).contains("missing"), problems.get(1));
    assertTrue(problems.get(2).contains("train/shard-99999.parquet: an extra file"), problems.get(2));
    // Rewritten through java.nio, the copy keeps the .crc the job wrote: Hadoop notices before the hash does.
    assertTrue(problems.get(3).startsWith("tokenizer tokenizer.json: its bytes no longer match Hadoop's checksum file"),
        problems.get(3));
  }

  @Test
  void aGpt2TokenizerJsonGivesTheSameShardsAsTiktokenR50k() throws IOException {
    Path gz = Path.of("src/test/resources/dev/pretrain/tokenize/gpt2/tokenizer.json.gz").toAbsolutePath();
    String viaFile = tmp.resolve("gpt2-file").toString();
    String viaTiktoken = tmp.resolve("gpt2-tiktoken").toString();
    TokenizeJob.run(spark, settings("tokenize.tokenizer=\"" + gz + "\""), input, viaFile);
    TokenizeJob.run(spark, settings(), input, viaTiktoken);
    Manifest file = manifest(viaFile);
    assertEquals("tokenizer.json.gz", file.tokenizer().source());
    assertEquals(Tokenizers.load(gz.toString()).sha256(), file.tokenizer().sha256());
    assertEquals(50256, file.tokenizer().eotId());
    Manifest tiktoken = manifest(viaTiktoken);
    // The dataset carries its tokenizer.json (decompressed, the bytes its SHA-256 is of); tiktoken has none.
    assertEquals(TokenizeJob.TOKENIZER, file.tokenizer().file());
    assertEquals(file.tokenizer().sha256(),
        Tokenizers.load(Path.of(viaFile, TokenizeJob.TOKENIZER).toString()).sha256());
    assertEquals(null, tiktoken.tokenizer().file());
    assertFalse(Files.exists(Path.of(viaTiktoken, TokenizeJob.TOKENIZER)));
    assertTrue(!new String(Files.readAllBytes(Path.of(viaTiktoken, "manifest.json"))).contains("\"file\""),
        "no file entry for tiktoken");
    assertEquals(tiktoken.totals(), file.totals());
    for (String split : List.of(TokenizeJob.TRAIN, TokenizeJob.VAL)) {
      List<Manifest.Shard> a = file.splits().get(split).shards();
      List<Manifest.Shard> b = tiktoken.splits().get(split).shards();
      assertEquals(b.size(), a.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(b.get(i).sha256(), a.get(i).sha256(), a.get(i).path());
      }
    }
    assertTrue(TokenizeVerifier.verify(spark, viaFile).ok());
  }

  @Test
  void tooManyDocumentsThatCannotBeEncodedStopTheJobNamingThemAndFewerGoToRejects() throws IOException {
    String dir = tmp.resolve("with-nulls").toString();
    List<Row> rows = new ArrayList<>();
    for (String[] d : docs) {
      rows.add(RowFactory.create(d[0], d[1]));
    }
    rows.add(RowFactory.create("null-1", null));
    rows.add(RowFactory.create("null-2", null));
    spark.createDataFrame(rows, new StructType().add("id", "string").add("text", "string")).coalesce(2).write().parquet(dir);
    int all = docs.size() + 2; // 2 of 43: 4.7%

    String stopped = tmp.resolve("too-many-rejects").toString();
    TokenizeJob.TooManyRejects e = assertThrows(TokenizeJob.TooManyRejects.class,
        () -> TokenizeJob.run(spark, settings("tokenize.max-reject-fraction=0.04"), dir, stopped));
    assertTrue(e.getMessage().contains("2 of " + all + " documents"), e.getMessage());
    assertTrue(e.getMessage().contains("null-1: text-is-null") && e.getMessage().contains("null-2: text-is-null"),
        e.getMessage());
    assertTrue(e.getMessage().contains("tokenize.max-reject-fraction 0.04"), e.getMessage());
    assertFalse(Files.exists(Path.of(stopped, "manifest.json")));

    String written = tmp.resolve("some-rejects").toString();
    TokenizeReport report = TokenizeJob.run(spark, settings("tokenize.max-reject-fraction=0.05"), dir, written);
    assertEquals(2, report.rejectedDocuments());
    assertEquals(all, report.documents());
    assertEquals(2, manifest(written).totals().rejectedDocuments());
    List<Row> rejects = spark.read().parquet(written + "/rejects").orderBy("id").collectAsList();
    assertEquals(List.of("null-1", "null-2"), rejects.stream().map(r -> r.getString(0)).toList());
    assertEquals("text-is-null", rejects.get(0).getAs("reason"));
    assertNull(rejects.get(0).getAs("error"));
    assertTrue(TokenizeVerifier.verify(spark, written).ok());
  }

  @Test
  void missingTextColumnGivesAClearError() {
    String dir = tmp.resolve("no-text").toString();
    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("a")),
        new org.apache.spark.sql.types.StructType().add("id", "string")).write().parquet(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenizeJob.run(spark, settings(), dir, tmp.resolve("no-text-out").toString()));
    assertTrue(e.getMessage().contains("missing column 'text'"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("no-text-out").resolve("manifest.json")));
  }

  @Test
  void aTokenizerWithoutTheEndOfTextTokenIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenizeJob.run(spark, settings("tokenize.eot-token=\"<|eot|>\""), input, tmp.resolve("x").toString()));
    assertTrue(e.getMessage().contains("<|eot|>"), e.getMessage());
  }

  @Test
  void rowsPerShardMustBeAMultipleOfRowsPerRowGroup() {
    Exception e = assertThrows(RuntimeException.class, () -> settings("tokenize.rows-per-row-group=3"));
    assertTrue(e.getMessage().contains("rows-per-row-group"), e.getMessage());
  }

}
