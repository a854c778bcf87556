package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
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
import org.netpreserve.jwarc.WarcWriter;

class DocumentReaderTest {
  private static final Path BROKEN = Path.of("../jobs/sample/broken/broken.jsonl").toAbsolutePath().normalize();
  private static final Path INVALID_UTF8 = Path.of("../jobs/sample/broken/invalid-utf8.txt").toAbsolutePath().normalize();

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(DocumentReaderTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The read settings of reference.conf with {@code key=value} overrides, checked as a job checks them. */
  static ReadSettings settings(String... sets) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), ReadSettings.SCHEMA).reader();
    ReadSettings settings = ReadSettings.read(reader);
    reader.finish();
    return settings;
  }

  private static List<Row> read(ReadSettings settings, String... inputs) throws IOException {
    return DocumentReader.read(spark, List.of(inputs), settings).records().orderBy("file", "offset").collectAsList();
  }

  /** 1-based line number of each byte offset in a file. */
  private static Map<Long, Integer> lineNumbers(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Map<Long, Integer> lines = new TreeMap<>();
    int line = 1;
    lines.put(0L, 1);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.put((long) i + 1, ++line);
      }
    }
    return lines;
  }

  private static <T> Map<Integer, T> byLine(List<Row> rows, Path file, Function<Row, T> value) throws IOException {
    Map<Long, Integer> lines = lineNumbers(file);
    Map<Integer, T> out = new TreeMap<>();
    for (Row row : rows) {
      out.put(lines.get(row.getLong(row.fieldIndex("offset"))), value.apply(row));
    }
    return out;
  }

  /** The reject reason, which is stable (no measured values or messages in it), or "kept". */
  private static String reasonKind(Row row) {
    String reason = row.getString(row.fieldIndex("reject_reason"));
    return reason == null ? "kept" : reason;
  }

  private static String error(Row row) {
    return row.<String, String>getJavaMap(row.fieldIndex("meta")).get(ReadReject.ERROR_KEY);
  }

  @Test
  void brokenFixtureGivesEveryBadLineAReasonAndKeepsTheRest() throws IOException {
    List<Row> rows = read(settings(), BROKEN.toString());
    // jobs/sample/broken/EXPECTED.md; blank lines 12 and 15 hold no record. Line 17's meta has a
    // number, which is kept as the string "3" rather than the record being dropped.
    Map<Integer, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry(1, "kept"), Map.entry(2, "kept"), Map.entry(3, "malformed-json"), Map.entry(4, "not-an-object"),
        Map.entry(5, "not-an-object"), Map.entry(6, "missing-text"), Map.entry(7, "text-not-a-string"),
        Map.entry(8, "missing-text"), Map.entry(9, "empty-text"), Map.entry(10, "empty-text"),
        Map.entry(11, "invalid-utf8"), Map.entry(13, "kept"), Map.entry(14, "kept"),
        Map.entry(16, "malformed-json"), Map.entry(17, "kept"), Map.entry(18, "kept"), Map.entry(19, "kept"),
        Map.entry(20, "kept")));
    assertEquals(expected, byLine(rows, BROKEN, DocumentReaderTest::reasonKind));

    Map<Integer, Row> rowsByLine = byLine(rows, BROKEN, r -> r);
    Row first = rowsByLine.get(1);
    assertEquals("fixture/good-1", first.getString(0));
    assertEquals("fixture", first.getString(2));
    assertEquals(Map.of("kind", "good"), first.getJavaMap(4));
    assertEquals("3", rowsByLine.get(17).<String, String>getJavaMap(4).get("count"));
    Row truncated = rowsByLine.get(3);
    assertTrue(truncated.getString(truncated.fieldIndex("raw")).startsWith("{\"id\": \"fixture/truncated\""));
    // The parser's message and what was found go into meta.error; the reason stays a label.
    assertTrue(error(truncated).startsWith("Unexpected end-of-input: was expecting closing quote"), error(truncated));
    assertEquals("a JSON array", error(rowsByLine.get(4)));
    assertEquals("'text' is null", error(rowsByLine.get(8)));
    assertEquals("read.fields.text", rowsByLine.get(8).getString(rowsByLine.get(8).fieldIndex("reject_rule")));
    assertEquals("'text' is a number", error(rowsByLine.get(7)));
    Row invalidUtf8 = rowsByLine.get(11);
    assertEquals("read.max-invalid-utf8-fraction", invalidUtf8.getString(invalidUtf8.fieldIndex("reject_rule")));
    assertTrue(invalidUtf8.getDouble(invalidUtf8.fieldIndex("reject_value")) > 0.01);
    assertTrue(rowsByLine.get(9).isNullAt(rowsByLine.get(9).fieldIndex("reject_rule"))); // empty-text: no setting decided
  }

  @Test
  void gateStopsOnTooManyBadRecordsNamingTheFileAndTheFirstOnes() throws IOException {
    Dataset<Row> records = DocumentReader.read(spark, List.of(BROKEN.toString()), settings()).records();
    BadRecordGate.TooManyBadRecords e =
        assertThrows(BadRecordGate.TooManyBadRecords.class, () -> BadRecordGate.check(records, settings()));
    assertTrue(e.getMessage().startsWith("read: 10 of 18 records (55.6%) are bad, over read.max-bad-fraction 0.1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("most bad records in file:" + BROKEN + " (10 of 18)"), e.getMessage());
    assertTrue(e.getMessage().contains("at byte/row 350: malformed-json (Unexpected end-of-input"), e.getMessage()); // line 3
    assertEquals(5, e.getMessage().split("at byte/row").length - 1);

    BadRecordGate.check(records, settings("read.max-bad-fraction=0.6"));
  }

  @Test
  void compressedCopiesReadExactlyLikeThePlainFile(@TempDir Path dir) throws IOException {
    byte[] plain = ("{\"id\":\"a\",\"text\":\"first document\"}\n"
        + "{\"id\":\"b\",\"text\":\"second \u00e9\"}\n").getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("docs.jsonl"), plain);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("docs.jsonl.gz")))) {
      out.write(plain);
    }
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(dir.resolve("docs.jsonl.zst")))) {
      out.write(plain);
    }
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(dir.resolve("docs.jsonl.bz2")))) {
      out.write(plain);
    }
    for (String name : List.of("docs.jsonl.gz", "docs.jsonl.zst", "docs.jsonl.bz2")) {
      List<Row> rows = read(settings(), dir.resolve(name).toString());
      assertEquals(List.of("a", "b"), rows.stream().map(r -> r.getString(0)).toList(), name);
      assertEquals(List.of("first document", "second \u00e9"), rows.stream().map(r -> r.getString(1)).toList(), name);
      assertEquals(List.of("docs", "docs"), rows.stream().map(r -> r.getString(2)).toList(), name);
    }
    // A directory is read recursively: four files, two records each.
    assertEquals(8, read(settings(), dir.toString()).size());
  }

  @Test
  void derivedIdsHashFileAndOffsetAndRepeatAcrossRuns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("no-ids.jsonl");
    Files.writeString(file, "{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
    List<Row> first = read(settings(), file.toString());
    List<Row> second = read(settings(), file.toString());
    assertEquals(first, second);
    String path = first.get(0).getString(5);
    assertEquals(StableIds.of(path, 0), first.get(0).getString(0));
    assertEquals(StableIds.of(path, 15), first.get(1).getString(0));
  }

  @Test
  void fieldMappingAndMetaFieldsAreConfigurable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("custom.jsonl");
    Files.writeString(file, "{\"doc_id\":7,\"body\":\"hello\",\"link\":\"http://x\",\"lang\":\"en\",\"score\":0.5}\n");
    List<Row> rows = read(settings("read.fields.id=doc_id", "read.fields.text=body", "read.fields.url=link",
        "read.meta-fields=[lang, score]", "read.source=crawl"), file.toString());
    assertEquals(RowFactory.create("7", "hello", "crawl", "http://x"),
        RowFactory.create(rows.get(0).get(0), rows.get(0).get(1), rows.get(0).get(2), rows.get(0).get(3)));
    assertEquals(Map.of("lang", "en", "score", "0.5"), rows.get(0).getJavaMap(4));
  }

  @Test
  void recordsOverTheSizeCapAreRejectedWithoutReadingThemWhole(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.jsonl");
    Files.writeString(file, "{\"text\":\"" + "x".repeat(5000) + "\"}\n{\"text\":\"small\"}\n");
    List<Row> rows = read(settings("read.max-document-bytes=1k"), file.toString());
    assertEquals("too-large", rows.get(0).getString(8));
    assertEquals("read.max-document-bytes", rows.get(0).getString(rows.get(0).fieldIndex("reject_rule")));
    assertEquals(5011.0, rows.get(0).getDouble(rows.get(0).fieldIndex("reject_value")));
    assertEquals(1024, rows.get(0).getString(9).length());
    assertEquals("small", rows.get(1).getString(1));
  }

  @Test
  void textLinesKeepValidLinesAndRejectMostlyInvalidUtf8() throws IOException {
    List<Row> rows = read(settings("read.format=text-line"), INVALID_UTF8.toString());
    Map<Integer, String> kinds = byLine(rows, INVALID_UTF8, DocumentReaderTest::reasonKind);
    assertEquals(Map.of(1, "kept", 2, "kept", 3, "invalid-utf8", 4, "invalid-utf8", 5, "invalid-utf8",
        6, "invalid-utf8", 7, "invalid-utf8", 8, "invalid-utf8", 9, "kept"), kinds);
    // A lenient threshold keeps the lines, with the bad bytes replaced and counted.
    List<Row> lenient = read(settings("read.format=text-line", "read.max-invalid-utf8-fraction=1"), INVALID_UTF8.toString());
    assertEquals(9, lenient.stream().filter(r -> r.isNullAt(8)).count());
    assertEquals(2, lenient.get(3).getInt(7)); // line 4: FF and FE
  }

  @Test
  void aTextFileIsOneDocument(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("essay.txt");
    Files.writeString(file, "Title\n\nFirst paragraph.\n");
    List<Row> rows = read(settings(), file.toString());
    assertEquals(1, rows.size());
    assertEquals("Title\n\nFirst paragraph.\n", rows.get(0).getString(1));
    assertEquals("essay", rows.get(0).getString(2));
  }

  @Test
  void wetFilesGiveOneDocumentPerConversionRecord(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("CC-MAIN-sample.warc.wet.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        WarcWriter writer = new WarcWriter(out)) {
      writer.write(new WarcConversion.Builder()
          .setHeader("WARC-Target-URI", "https://example.org/a")
          .body(MediaType.PLAIN_TEXT, "Page A text.\nSecond line.".getBytes(StandardCharsets.UTF_8)).build());
      writer.write(new WarcConversion.Builder()
          .setHeader("WARC-Target-URI", "https://example.org/b")
          .body(MediaType.PLAIN_TEXT, "Page B \u00fcber.".getBytes(StandardCharsets.UTF_8)).build());
    }
    List<Row> rows = read(settings(), file.toString());
    assertEquals(List.of("Page A text.\nSecond line.", "Page B \u00fcber."), rows.stream().map(r -> r.getString(1)).toList());
    assertEquals(List.of("https://example.org/a", "https://example.org/b"), rows.stream().map(r -> r.getString(3)).toList());
    assertTrue(rows.get(0).getString(0).startsWith("urn:uuid:"), rows.get(0).getString(0));
    assertEquals("CC-MAIN-sample.warc", rows.get(0).getString(2));
  }

  @Test
  void parquetUsesTheConfiguredColumnsAndDerivesIdsLikeTheStreamedFormats(@TempDir Path dir) throws IOException {
    StructType schema = new StructType().add("content", DataTypes.StringType).add("url", DataTypes.StringType);
    spark.createDataFrame(List.of(
            RowFactory.create("alpha text", "http://a"),
            RowFactory.create("  ", "http://blank"),
            RowFactory.create("gamma text", null)), schema)
        .coalesce(1).write().parquet(dir.resolve("table").toString());
    List<Row> rows = read(settings("read.fields.text=content"), dir.resolve("table").toString());
    assertEquals(3, rows.size());
    assertEquals(List.of("kept", "empty-text", "kept"), rows.stream().map(DocumentReaderTest::reasonKind).toList());
    Row alpha = rows.get(0);
    assertEquals("alpha text", alpha.getString(1));
    assertEquals("http://a", alpha.getString(3));
    assertEquals(StableIds.of(alpha.getString(5), alpha.getLong(6)), alpha.getString(0));
    assertTrue(alpha.getString(2).startsWith("part-00000"), alpha.getString(2));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(settings(), dir.resolve("table").toString()));
    assertTrue(e.getMessage().contains("Parquet input has no text column 'text' (read.fields.text); its columns are: content, url"),
        e.getMessage());
  }

  @Test
  void anInputThatMatchesNothingIsAClearError(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(settings(), dir.resolve("nothing-*.jsonl").toString()));
    assertTrue(e.getMessage().endsWith("matches no files"), e.getMessage());
  }
}
