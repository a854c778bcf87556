package dev.pretrain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.TokenCodec;
import dev.pretrain.common.spark.SparkSessions;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import dev.pretrain.tokenize.export.ExportFormat;
import dev.pretrain.tokenize.export.ExportTokensJob;
import dev.pretrain.tokenize.export.ExportTokensReport;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeReport;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.tokenize.shards.TokenizeVerifier;
import dev.pretrain.trainer.data.Batch;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.ShardDataset;
import dev.pretrain.trainer.data.TrainBatches;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * curate → tokenize → the trainer's shard reader, all on {@code s3a://} against an S3 server in
 * this JVM, with the shipped {@code conf/s3a.conf} (magic committer) in force. Each job is first
 * made to fail part-way through its writes and must leave nothing that looks complete; its rerun
 * must commit. The tests run in order on one Spark session: each uses the previous one's output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3aPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "corpus";
  private static final String RAW = "s3a://" + BUCKET + "/raw/brown.jsonl";
  private static final String CURATED = "s3a://" + BUCKET + "/curated";
  private static final String SHARDS = "s3a://" + BUCKET + "/shards";
  private static final int BROWN_DOCUMENTS = 12;
  private static final int SEQ_LEN = 128;

  private static S3Server s3;
  private static SparkSession spark;
  private static Configuration hadoop;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start(BUCKET);
    SparkConf conf = SparkSessions.sparkConf(s3aConf(), S3aPipelineTest.class.getSimpleName())
        // conf/s3a.conf sizes shuffles for a cluster; two cores want a handful of partitions.
        .set("spark.sql.shuffle.partitions", "4")
        .set("spark.default.parallelism", "4")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        // What differs from AWS: the endpoint, path-style addressing, plain HTTP.
        .set("spark.hadoop.fs.s3a.endpoint", s3.endpoint())
        .set("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .set("spark.hadoop.fs.s3a.path.style.access", "true")
        .set("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .set("spark.hadoop.fs.s3a.impl", FaultyS3AFileSystem.class.getName())
        // S3Proxy answers ListMultipartUploads with 501 Not Implemented, and S3A retries it at every
        // job commit when asked to sweep pending uploads; real S3 implements it.
        .set("spark.hadoop.fs.s3a.committer.abort.pending.uploads", "false");
    spark = SparkSession.builder().config(conf).getOrCreate();
    hadoop = spark.sparkContext().hadoopConfiguration();
    writeRawCorpus();
  }

  @AfterAll
  static void stop() throws Exception {
    FaultyS3AFileSystem.disarm();
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** The spark section of the shipped conf/s3a.conf, read the way every command reads --conf. */
  private static SparkSettings s3aConf() throws IOException {
    java.nio.file.Path file = java.nio.file.Path.of("..", "conf", "s3a.conf");
    LoadedConfig config = ConfigLayers.load(Optional.of(new ConfigSource(file.toString(), Files.readString(file))),
        List.of("spark.local-master=local[2]"), SparkSettings.SCHEMA);
    SettingsReader reader = config.reader();
    SparkSettings settings = SparkSettings.read(reader);
    reader.finish();
    return settings;
  }

  /** Twelve Brown corpus texts, one exact and one near copy: small, but every curate stage has work. */
  private static void writeRawCorpus() throws IOException {
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(java.nio.file.Path.of("..", "jobs", "sample", "corpus", "brown.jsonl.gz"))),
        StandardCharsets.UTF_8))) {
      for (int i = 0; i < BROWN_DOCUMENTS; i++) {
        texts.add(JSON.readTree(in.readLine()).get("text").asText());
      }
    }
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      jsonl.append(line("brown-" + i, texts.get(i)));
    }
    jsonl.append(line("exact-copy-of-3", texts.get(3)));
    String[] words = texts.get(5).split(" ");
    for (int i = 50; i < words.length; i += 100) {
      words[i] = "CHANGED" + i;
    }
    jsonl.append(line("near-copy-of-5", String.join(" ", words)));
    Path raw = new Path(RAW);
    try (OutputStream out = raw.getFileSystem(hadoop).create(raw, true)) {
      out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String line(String id, String text) throws IOException {
    return JSON.writeValueAsString(Map.of("id", id, "text", text, "source", "brown")) + "\n";
  }

  @Test
  @Order(1)
  void curateThatFailsMidWriteLeavesNothingCompleteAndItsRerunCommitsWithTheMagicCommitter() throws Exception {
    // documents/ is written and committed first; the failure hits the next table, rejected/.
    FaultyS3AFileSystem.failCreatesMatching(".*/rejected/.*\\.parquet");
    Exception failure = assertThrows(Exception.class, () -> curate());
    int injected = FaultyS3AFileSystem.disarm();
    assertTrue(injected > 0, "the fault was never hit; the job failed for another reason: " + failure);

    assertFalse(AtomicOutput.isComplete(CURATED, hadoop), "a failed curate left _SUCCESS");
    // Readers see nothing: whatever is left sits under the hidden _staging-<run>/ directory
    // (documents/ was complete there when the failure hit), and no table is in place.
    assertEquals(List.of(), visible(objectsUnder(CURATED)), "a failed curate left objects where readers look");
    assertThrows(Exception.class, () -> spark.read().parquet(CURATED + "/documents").count());

    CurateReport report = curate();

    assertTrue(AtomicOutput.isComplete(CURATED, hadoop));
    assertEquals(List.of(), objectsUnder(CURATED).stream().filter(key -> key.contains("/_staging-")).toList(),
        "the rerun removes the failed run's staging debris and its own");
    assertEquals(BROWN_DOCUMENTS + 2, report.recordsIn());
    assertTrue(report.balances(), report.toJson());
    assertEquals(1, report.exactDuplicatesRemoved(), report.toJson());
    assertEquals(1, report.nearDuplicatesRemoved(), report.toJson());
    List<Row> documents = spark.read().parquet(CURATED + "/documents").select("id").collectAsList();
    assertEquals(report.kept(), documents.size());
    Set<String> ids = new HashSet<>();
    documents.forEach(row -> ids.add(row.getString(0)));
    assertFalse(ids.contains("near-copy-of-5"), "the near copy sorts after brown-5 and must be removed");

    // S3A's committers write a JSON _SUCCESS naming themselves (FileOutputCommitter's is empty):
    // proof that conf/s3a.conf's committer binding is in force.
    JsonNode success = JSON.readTree(readText(CURATED + "/documents/_SUCCESS"));
    assertEquals("magic", success.path("committer").asText(), success.toString());
  }

  private static CurateReport curate() throws IOException {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of(), CurateSettings.SCHEMA);
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return new CurateJob(spark, settings).run(List.of(RAW), CURATED, false);
  }

  @Test
  @Order(2)
  void tokenizeThatFailsMidShardsLeavesNoManifestAndItsRerunVerifies() throws Exception {
    FaultyS3AFileSystem.failCreatesMatching(".*/train/shard-00001\\.parquet");
    Exception failure = assertThrows(Exception.class, () -> tokenize());
    int injected = FaultyS3AFileSystem.disarm();
    assertTrue(injected > 0, "the fault was never hit; the job failed for another reason: " + failure);

    assertFalse(exists(SHARDS + "/" + Manifest.FILE_NAME), "a failed tokenize published a manifest");
    assertEquals(List.of(), visible(objectsUnder(SHARDS)), "a failed tokenize left shards where readers look");
    assertFalse(AtomicOutput.isComplete(SHARDS, hadoop), "a failed tokenize left _SUCCESS");
    IllegalArgumentException notADataset = assertThrows(IllegalArgumentException.class,
        () -> ShardDataset.open(SHARDS, hadoop, 50304, 64, false));
    assertTrue(notADataset.getMessage().contains("no " + Manifest.FILE_NAME), notADataset.getMessage());

    TokenizeReport report = tokenize();

    assertTrue(report.shardsBySplit().get(TokenizeJob.TRAIN) >= 3,
        "the fixture must give several train shards, got " + report.shardsBySplit());
    TokenizeVerifier.Result verified = TokenizeVerifier.verify(hadoop, SHARDS);
    assertTrue(verified.ok(), String.join("\n", verified.problems()));
    assertEquals(report.rows(), verified.rowsChecked());
  }

  private static TokenizeReport tokenize() throws IOException {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of(
        "tokenize.tokenizer=\"tiktoken:r50k_base\"", "tokenize.seq-len=" + SEQ_LEN, "tokenize.rows-per-shard=64",
        "tokenize.rows-per-row-group=16", "tokenize.val-fraction=0.1", "tokenize.pack-partitions=2"),
        TokenizeSettings.SCHEMA);
    SettingsReader reader = config.reader();
    TokenizeSettings settings = TokenizeSettings.read(reader);
    reader.finish();
    return TokenizeJob.run(spark, settings, CURATED + "/documents", SHARDS);
  }

  @Test
  @Order(3)
  void trainerShardReaderReadsTheRowsTheTokenizeJobWroteThroughS3a() throws Exception {
    int blockSize = 64;
    ShardDataset data = ShardDataset.open(SHARDS, hadoop, 50304, blockSize, true);
    long trainRows = data.manifest().splits().get(ShardDataset.TRAIN).rows();

    // Every row of the train split, as Spark reads it from the same objects, cut to the block.
    Set<String> expected = new HashSet<>();
    for (Row row : spark.read().parquet(SHARDS + "/" + ShardDataset.TRAIN).select("tokens").collectAsList()) {
      int[] ids = TokenCodec.decode((byte[]) row.get(0));
      assertEquals(SEQ_LEN + 1, ids.length);
      expected.add(Arrays.toString(Arrays.copyOf(ids, blockSize + 1)));
    }
    assertEquals(trainRows, expected.size());

    int batch = 8;
    Set<String> seen = new HashSet<>();
    try (TrainBatches batches = data.trainBatches(batch, blockSize, 7, Cursor.START)) {
      for (long read = 0; read + batch <= trainRows; read += batch) {
        Batch b = batches.next();
        assertEquals(batch * (blockSize + 1), b.rows().length);
        for (int r = 0; r < batch; r++) {
          String row = Arrays.toString(Arrays.copyOfRange(b.rows(), r * (blockSize + 1), (r + 1) * (blockSize + 1)));
          assertTrue(expected.contains(row), "the loader returned a row that is not in the train shards");
          seen.add(row);
        }
      }
    }
    assertEquals(trainRows / batch * batch, seen.size(), "one epoch visits each train row once");
  }

  @Test
  @Order(4)
  void exportTokensReadsAndWritesThroughS3aAsItDoesLocally(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    String megatron = "s3a://" + BUCKET + "/export-megatron";
    ExportTokensReport remote = ExportTokensJob.run(new ExportTokensJob.Request(SHARDS, ExportFormat.MEGATRON, megatron,
        List.of("train"), ExportFormat.MEGATRON.defaultMaxFileBytes(), false, tmp), hadoop, line -> {});
    ExportTokensReport local = ExportTokensJob.run(new ExportTokensJob.Request(SHARDS, ExportFormat.NANOGPT,
        tmp.resolve("nanogpt").toString(), List.of("train"), Long.MAX_VALUE, false, tmp), hadoop, line -> {});

    assertTrue(exists(megatron + "/_SUCCESS"));
    assertEquals(List.of("train_000000.bin", "train_000000.idx"), remote.splits().get("train").files());
    assertEquals(List.of("export.json", "train_000000.bin", "train_000000.idx"), visible(objectsUnder(megatron + "/"))
        .stream().sorted().toList());
    // r50k_base is below Megatron's 65,500: the .bin is the same uint16 stream as nanoGPT's train.bin.
    Path bin = new Path(megatron + "/train_000000.bin");
    byte[] remoteBytes;
    try (InputStream in = bin.getFileSystem(hadoop).open(bin)) {
      remoteBytes = in.readAllBytes();
    }
    assertTrue(Arrays.equals(Files.readAllBytes(tmp.resolve("nanogpt/train.bin")), remoteBytes));
    long rows = remote.splits().get("train").rows();
    assertEquals(rows * (SEQ_LEN + 1) + remote.splits().get("train").eotAppended(), remoteBytes.length / 2);
    assertEquals(local.splits().get("train").documents(), remote.splits().get("train").documents());
  }

  @Test
  @Order(5)
  void curateReadsItsUrlBlocklistFromS3aAndAMissingCategoryStopsItAtStart() throws Exception {
    // A UT1-layout list (a directory per category holding domains and/or urls) as FineWeb's users
    // keep it: beside the crawl, in the bucket.
    writeText("s3a://" + BUCKET + "/ut1/adult/domains", "# comment\nblocked.example\n");
    writeText("s3a://" + BUCKET + "/ut1/adult/urls", "ok.example/listed/page.html\n");
    writeText("s3a://" + BUCKET + "/ut1/gambling/domains", "casino.example\n");
    String text = JSON.readTree(readText(RAW).lines().findFirst().orElseThrow()).get("text").asText();
    String raw = "s3a://" + BUCKET + "/raw-web/pages.jsonl";
    writeText(raw, String.join("", List.of(
        urlLine("by-subdomain", text, "https://www.shop.blocked.example/a"),
        urlLine("by-url", text + " listed", "http://ok.example/listed/page.html#top"),
        urlLine("other-category", text + " casino", "https://casino.example/"),
        urlLine("kept", text + " kept", "https://ok.example/fine"))));
    String output = "s3a://" + BUCKET + "/curated-web";

    CurateReport report = curate(raw, output, "curate.url-filter.enabled=true",
        "curate.url-filter.blocklist=\"s3a://" + BUCKET + "/ut1\"", "curate.url-filter.categories=[adult]",
        "curate.dedup.enabled=false");

    assertEquals(4, report.recordsIn());
    assertEquals(List.of("kept", "other-category"), spark.read().parquet(output + "/documents").select("id")
        .collectAsList().stream().map(row -> row.getString(0)).sorted().toList());
    assertEquals(List.of("by-subdomain url-blocklist:adult blocked.example",
            "by-url url-blocklist:adult ok.example/listed/page.html"),
        spark.read().parquet(output + "/rejected").collectAsList().stream()
            .map(row -> row.getAs("id") + " " + row.getAs("rule") + " "
                + row.<scala.collection.Map<String, String>>getAs("meta").get("url_filter_match").get())
            .sorted().toList());

    dev.pretrain.common.config.ConfigError missing = assertThrows(dev.pretrain.common.config.ConfigError.class,
        () -> curate(raw, "s3a://" + BUCKET + "/curated-web-2", "curate.url-filter.enabled=true",
            "curate.url-filter.blocklist=\"s3a://" + BUCKET + "/ut1\"", "curate.url-filter.categories=[adult, porn]"));
    assertTrue(missing.getMessage().contains("has no category porn")
        && missing.getMessage().contains("adult, gambling"), missing.getMessage());
    assertFalse(exists("s3a://" + BUCKET + "/curated-web-2"), "a job stopped at start claimed its output");
  }

  @Test
  @Order(6)
  void curateScoresWithAFastTextModelAndIdentifiesLanguagesWithOneReadFromS3a() throws Exception {
    // Models where a cluster keeps them: in a bucket. Both are fixtures Debian's fastText made from the sample.
    String fixtures = "../pipeline-classify/src/test/resources/fasttext/";
    String quality = "s3a://" + BUCKET + "/models/quality-softmax-bigram.bin";
    String lid = "s3a://" + BUCKET + "/models/lid-udhr.ftz";
    for (String[] copy : new String[][] {{fixtures + "quality-softmax-bigram.bin", quality},
        {fixtures + "lid-udhr.ftz", lid}}) {
      Path to = new Path(copy[1]);
      try (OutputStream out = to.getFileSystem(hadoop).create(to, true)) {
        out.write(Files.readAllBytes(java.nio.file.Path.of(copy[0])));
      }
    }
    String output = "s3a://" + BUCKET + "/curated-models";
    CurateReport report = curate(RAW, output, "curate.filter.language.engine=fasttext",
        "curate.filter.language.model=\"" + lid + "\"", "curate.filter.language.min-confidence=0",
        "curate.filter.classifiers=[{ name = quality, model = \"" + quality + "\", label = __label__prose,"
            + " min-score = 0 }]", "curate.dedup.enabled=false");

    assertEquals(BROWN_DOCUMENTS + 2, report.recordsIn());
    List<Row> documents = spark.read().parquet(output + "/documents").select("lang", "quality_score").collectAsList();
    assertFalse(documents.isEmpty());
    for (Row row : documents) {
      assertEquals("en", row.getString(0), row.toString());
      assertTrue(row.getDouble(1) > 0 && row.getDouble(1) <= 1.00001, row.toString());
    }
  }

  private static CurateReport curate(String input, String output, String... overrides) throws IOException {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of(overrides), CurateSettings.SCHEMA);
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return new CurateJob(spark, settings).run(List.of(input), output, false);
  }

  private static String urlLine(String id, String text, String url) throws IOException {
    return JSON.writeValueAsString(Map.of("id", id, "text", text, "source", "web", "url", url)) + "\n";
  }

  private static void writeText(String location, String text) throws IOException {
    Path path = new Path(location);
    try (OutputStream out = path.getFileSystem(hadoop).create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean exists(String location) throws IOException {
    Path path = new Path(location);
    return path.getFileSystem(hadoop).exists(path);
  }

  private static String readText(String location) throws IOException {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every object key under a prefix, relative to it; nothing if the prefix is gone. */
  private static List<String> objectsUnder(String location) throws IOException {
    Path root = new Path(location);
    FileSystem fs = root.getFileSystem(hadoop);
    List<String> keys = new ArrayList<>();
    if (!fs.exists(root)) {
      return keys;
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    while (files.hasNext()) {
      keys.add(files.next().getPath().toString().substring(location.length()));
    }
    return keys;
  }

  /** Keys Spark and Hadoop readers see: none of their path's names starts with "_" or "." (the marker, staging). */
  private static List<String> visible(List<String> keys) {
    return keys.stream().filter(key -> java.util.Arrays.stream(key.split("/"))
        .noneMatch(name -> name.startsWith("_") || name.startsWith("."))).toList();
  }
}
