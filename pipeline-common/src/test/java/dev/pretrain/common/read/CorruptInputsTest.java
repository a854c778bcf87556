package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.pretrain.common.testing.LocalSpark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
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
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcWriter;

/**
 * A truncated file among good ones, per codec: the records before the break are read, the file
 * becomes one truncated-input row at the uncompressed offset of the first incomplete record, the
 * good files are read whole, and the counts add up.
 */
class CorruptInputsTest {
  private static final int GOOD_LINES = 50;
  private static final int BIG_LINES = 2500;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(CorruptInputsTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private interface Codec {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static ReadSettings settings(String... sets) {
    return DocumentReaderTest.settings(sets);
  }

  /** JSONL lines of seeded random words: compressible, but not to nothing, so a codec writes many blocks. */
  private static List<String> lines(String prefix, int n) {
    Random random = new Random(prefix.hashCode());
    String[] words = {"corpus", "river", "stone", "light", "quiet", "number", "garden", "signal", "paper", "winter",
        "orbit", "maple", "harbor", "copper", "violet", "thunder"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 40; w++) {
        text.append(words[random.nextInt(words.length)]).append(' ').append(random.nextInt(1000)).append(' ');
      }
      lines.add(String.format("{\"id\":\"%s-%05d\",\"text\":\"%s\"}", prefix, i, text.toString().strip()));
    }
    return lines;
  }

  private static byte[] jsonl(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] compress(byte[] plain, Codec codec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = codec.wrap(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  private static long offsetOfLine(List<String> lines, int index) {
    long offset = 0;
    for (int i = 0; i < index; i++) {
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return offset;
  }

  private static String error(Row row) {
    return row.<String, String>getJavaMap(row.fieldIndex("meta")).get(ReadReject.ERROR_KEY);
  }

  private static List<Row> rowsOf(List<Row> rows, String fileName) {
    return rows.stream().filter(r -> r.getString(r.fieldIndex("file")).endsWith("/" + fileName)).toList();
  }

  /** The whole contract, for one codec: a good file and a file cut at 60% of its compressed bytes. */
  private void truncatedFileAmongGoodOnes(Path dir, String suffix, Codec codec) throws IOException {
    List<String> good = lines("good", GOOD_LINES);
    List<String> big = lines("big", BIG_LINES);
    Files.write(dir.resolve("good.jsonl" + suffix), compress(jsonl(good), codec));
    byte[] whole = compress(jsonl(big), codec);
    String brokenName = "broken.jsonl" + suffix;
    Files.write(dir.resolve(brokenName), java.util.Arrays.copyOf(whole, whole.length * 6 / 10));

    DocumentReader.Result read = DocumentReader.read(spark, List.of(dir.toString()), settings());
    Dataset<Row> records = read.records().cache();
    List<Row> rows = records.orderBy("file", "offset").collectAsList();

    List<Row> fromGood = rowsOf(rows, "good.jsonl" + suffix);
    assertEquals(good.stream().map(l -> l.substring(7, 17)).toList(), fromGood.stream().map(r -> r.getString(0)).toList());

    List<Row> fromBroken = rowsOf(rows, brokenName);
    List<Row> documents = fromBroken.stream().filter(r -> r.isNullAt(r.fieldIndex("reject_reason"))).toList();
    int kept = documents.size();
    assertTrue(kept > 0 && kept < BIG_LINES, suffix + ": kept " + kept);
    // Exactly the first `kept` records, in order, each complete.
    for (int i = 0; i < kept; i++) {
      assertEquals(String.format("big-%05d", i), documents.get(i).getString(0), suffix);
      assertEquals(offsetOfLine(big, i), documents.get(i).getLong(documents.get(i).fieldIndex("offset")), suffix);
    }
    List<Row> rejects = fromBroken.stream().filter(r -> !r.isNullAt(r.fieldIndex("reject_reason"))).toList();
    assertEquals(1, rejects.size(), suffix + ": one row for the broken file, no malformed tail");
    Row broken = rejects.get(0);
    assertEquals(ReadReject.TRUNCATED_INPUT, broken.getString(broken.fieldIndex("reject_reason")));
    assertEquals("read.on-corrupt-file", broken.getString(broken.fieldIndex("reject_rule")));
    assertEquals(offsetOfLine(big, kept), broken.getLong(broken.fieldIndex("offset")), suffix);
    assertFalse(error(broken).isBlank());
    // The counts add up: every row is a good-file record, a record before the break, or the break.
    assertEquals(GOOD_LINES + kept + 1, rows.size());

    assertEquals(List.of(new BrokenFile(broken.getString(broken.fieldIndex("file")), offsetOfLine(big, kept),
        error(broken))), BrokenFile.in(records));
    // One bad record of many: under read.max-bad-fraction.
    BadRecordGate.check(records, settings());
    records.unpersist();
  }

  @Test
  void truncatedGzipKeepsTheRecordsBeforeTheBreakAndBecomesOneRow(@TempDir Path dir) throws IOException {
    truncatedFileAmongGoodOnes(dir, ".gz", GZIPOutputStream::new);
  }

  @Test
  void truncatedZstdKeepsTheRecordsBeforeTheBreakAndBecomesOneRow(@TempDir Path dir) throws IOException {
    truncatedFileAmongGoodOnes(dir, ".zst", ZstdOutputStream::new);
  }

  @Test
  void truncatedBzip2KeepsTheRecordsBeforeTheBreakAndBecomesOneRow(@TempDir Path dir) throws IOException {
    // 100 KB blocks (the smallest), so the cut leaves whole blocks before it.
    truncatedFileAmongGoodOnes(dir, ".bz2", out -> new BZip2CompressorOutputStream(out, 1));
  }

  @Test
  void truncatedWetFilesKeepThePagesBeforeTheBreak(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (WarcWriter writer = new WarcWriter(plain)) {
      for (int i = 0; i < 40; i++) {
        writer.write(new WarcConversion.Builder()
            .setHeader("WARC-Target-URI", "https://example.org/" + i)
            .body(MediaType.PLAIN_TEXT, String.join(" ", lines("page" + i, 3)).getBytes(StandardCharsets.UTF_8))
            .build());
      }
    }
    byte[] warc = plain.toByteArray();
    List<Long> starts = new ArrayList<>();
    try (WarcReader reader = new WarcReader(new ByteArrayInputStream(warc))) {
      while (reader.next().isPresent()) {
        starts.add(reader.position());
      }
    }
    byte[] gz = compress(warc, GZIPOutputStream::new);
    Files.write(dir.resolve("a-good.warc.wet.gz"), gz);
    Files.write(dir.resolve("b-cut.warc.wet.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
    Files.write(dir.resolve("c-cut.warc.wet"), java.util.Arrays.copyOf(warc, warc.length / 2 + 7));

    List<Row> rows = DocumentReader.read(spark, List.of(dir.toString()), settings()).records()
        .orderBy("file", "offset").collectAsList();
    assertEquals(40, rowsOf(rows, "a-good.warc.wet.gz").size());
    for (String cut : List.of("b-cut.warc.wet.gz", "c-cut.warc.wet")) {
      List<Row> fromCut = rowsOf(rows, cut);
      int kept = fromCut.size() - 1;
      assertTrue(kept > 0 && kept < 40, cut + ": kept " + kept);
      for (int i = 0; i < kept; i++) {
        assertEquals("https://example.org/" + i, fromCut.get(i).getString(3), cut);
      }
      Row broken = fromCut.get(kept);
      assertEquals(ReadReject.TRUNCATED_INPUT, broken.getString(broken.fieldIndex("reject_reason")), cut);
      assertEquals(starts.get(kept), broken.getLong(broken.fieldIndex("offset")), cut);
    }
  }

  @Test
  void parquetWithoutAValidFooterIsOneRowAndTheOtherFilesAreRead(@TempDir Path dir) throws IOException {
    StructType schema = new StructType().add("text", DataTypes.StringType);
    spark.createDataFrame(List.of(RowFactory.create("alpha text"), RowFactory.create("beta text")), schema)
        .coalesce(1).write().parquet(dir.resolve("written").toString());
    Path part;
    try (var files = Files.list(dir.resolve("written"))) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path inputs = Files.createDirectory(dir.resolve("inputs"));
    Files.copy(part, inputs.resolve("good.parquet"));
    byte[] bytes = Files.readAllBytes(part);
    Files.write(inputs.resolve("cut.parquet"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
    Files.write(inputs.resolve("notes.jsonl"), "{\"text\":\"a streamed record\"}\n".getBytes(StandardCharsets.UTF_8));

    Dataset<Row> records = DocumentReader.read(spark, List.of(inputs.toString()), settings()).records();
    List<Row> rows = records.orderBy("file", "offset").collectAsList();
    assertEquals(List.of("alpha text", "beta text"), rowsOf(rows, "good.parquet").stream().map(r -> r.getString(1)).toList());
    assertEquals(1, rowsOf(rows, "notes.jsonl").size());
    List<Row> cut = rowsOf(rows, "cut.parquet");
    assertEquals(1, cut.size());
    assertEquals(ReadReject.TRUNCATED_INPUT, cut.get(0).getString(cut.get(0).fieldIndex("reject_reason")));
    assertEquals(0, cut.get(0).getLong(cut.get(0).fieldIndex("offset")));
    assertTrue(error(cut.get(0)).contains("is not a Parquet file"), error(cut.get(0)));
    assertEquals(4, rows.size());
    assertEquals(1, BrokenFile.in(records).size());

    CorruptInputFile e = assertThrows(CorruptInputFile.class,
        () -> DocumentReader.read(spark, List.of(inputs.toString()), settings("read.on-corrupt-file=fail")));
    assertTrue(e.getMessage().startsWith("read: " + cut.get(0).getString(cut.get(0).fieldIndex("file"))
        + " is truncated or corrupt: its Parquet footer cannot be read"), e.getMessage());
  }

  @Test
  void failPolicyStopsWithOneLineNamingTheFile(@TempDir Path dir) throws IOException {
    byte[] whole = compress(jsonl(lines("big", BIG_LINES)), GZIPOutputStream::new);
    Files.write(dir.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    Files.write(dir.resolve("good.jsonl"), jsonl(lines("good", GOOD_LINES)));
    ReadSettings fail = settings("read.on-corrupt-file=fail");

    Dataset<Row> records = DocumentReader.read(spark, List.of(dir.toString()), fail).records();
    CorruptInputFile e = assertThrows(CorruptInputFile.class, () -> BadRecordGate.check(records, fail));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().matches("read: file:\\S+/cut\\.jsonl\\.gz is truncated or corrupt: reading broke in the"
        + " record at uncompressed byte \\d+ \\(EOFException: Unexpected end of ZLIB input stream\\); "
        + "read\\.on-corrupt-file = fail stops here.*"), e.getMessage());
  }

  @Test
  void theSampleDirectoryReadsWithoutASingleRejectAndSkipsItsManifest() throws IOException {
    Path sample = Path.of("../jobs/sample/corpus").toAbsolutePath().normalize();
    DocumentReader.Result read = DocumentReader.read(spark, List.of(sample.toString()), settings());
    assertEquals(List.of("brown.jsonl.gz", "spamassassin.jsonl.gz", "udhr.jsonl.gz", "xmlsoft.warc.gz"),
        read.listing().files().stream().map(f -> f.path().substring(f.path().lastIndexOf('/') + 1)).toList());
    assertEquals(1, read.listing().skipped().size());
    assertTrue(read.listing().skipped().get(0).path().endsWith("/MANIFEST.json"));
    assertEquals(SkippedFile.NOT_A_DATA_FILE, read.listing().skipped().get(0).reason());
    assertEquals(0, read.records().filter("reject_reason IS NOT NULL").count());
  }
}
