package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.common.testing.WarcFixture;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WARC files as crawls write them: which records become documents, what is counted, what is rejected. */
class WarcReaderTest {
  private static final String PAGE = "<!doctype html><html><head><title>Réseau</title></head>"
      + "<body><p>Привет, мир: a page about café networks.</p></body></html>";
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(WarcReaderTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static ReadSettings settings(String... sets) {
    return DocumentReaderTest.settings(sets);
  }

  private static DocumentReader.Result read(Path file, String... sets) throws IOException {
    return DocumentReader.read(spark, List.of(file.toString()), settings(sets));
  }

  private static List<Row> records(DocumentReader.Result result) {
    return result.records().orderBy("offset").collectAsList();
  }

  private static String meta(Row row, String key) {
    return row.<String, String>getJavaMap(row.fieldIndex("meta")).get(key);
  }

  /** Every kind of record a crawl writes, two of them HTML pages with status 200. */
  private static WarcFixture mixed(String version) {
    return new WarcFixture(version)
        .warcinfo()
        .request("https://a.example/")
        .html("https://a.example/", "text/html; charset=UTF-8", PAGE.getBytes(StandardCharsets.UTF_8))
        .metadata("https://a.example/")
        .response("https://a.example/missing", 404, List.of("Content-Type: text/html"), "<p>gone</p>".getBytes(StandardCharsets.UTF_8))
        .response("https://a.example/moved", 301, List.of("Location: https://a.example/"), new byte[0])
        .response("https://a.example/logo.png", 200, List.of("Content-Type: image/png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'})
        .revisit("https://a.example/")
        .html("https://b.example/x", "application/xhtml+xml",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Second page.</p></body></html>".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneDocumentPerHtmlResponseWithStatus200AndTheOtherRecordsCountedByKind(@TempDir Path dir) throws IOException {
    Path warc = Files.write(dir.resolve("crawl.warc.gz"), mixed("WARC/1.0").gzipPerRecord());
    DocumentReader.Result result = read(warc);
    List<Row> rows = records(result);
    assertEquals(2, rows.size(), rows.toString());
    Row first = rows.get(0);
    assertNull(first.get(first.fieldIndex("reject_reason")));
    // The WARC-Record-ID's URI, without the angle brackets of the field.
    String recordId = WarcFixture.id(2).substring(1, WarcFixture.id(2).length() - 1);
    assertEquals(recordId, first.getString(first.fieldIndex("id")));
    assertEquals("https://a.example/", first.getString(first.fieldIndex("url")));
    assertEquals(PAGE, first.getString(first.fieldIndex("text")));
    assertTrue(first.getBoolean(first.fieldIndex("html")));
    assertEquals("2026-11-03T10:00:00Z", meta(first, "warc_date"));
    assertEquals(recordId, meta(first, "warc_record_id"));
    assertEquals("text/html; charset=UTF-8", meta(first, "content_type"));
    assertEquals("UTF-8", meta(first, "charset"));
    Row second = rows.get(1);
    assertEquals("https://b.example/x", second.getString(second.fieldIndex("url")));
    assertTrue(second.getString(second.fieldIndex("text")).contains("Second page."));

    Map<String, Long> counts = new TreeMap<>(ReadRecords.counts(result.rows()));
    counts.keySet().removeIf(k -> k.startsWith("charset."));
    assertEquals(Map.of(
        "warc.html-responses", 2L,
        "warc.skipped.warcinfo", 1L,
        "warc.skipped.request", 1L,
        "warc.skipped.metadata", 1L,
        "warc.skipped.revisit", 1L,
        "warc.skipped.response-not-200", 2L,
        "warc.skipped.response-not-html", 1L), counts);
  }

  @Test
  void warc11PlainAndGzippedWholeReadAsGzippedPerRecord(@TempDir Path dir) throws IOException {
    List<String> expected = texts(read(Files.write(dir.resolve("a.warc.gz"), mixed("WARC/1.0").gzipPerRecord())));
    assertEquals(expected, texts(read(Files.write(dir.resolve("b.warc"), mixed("WARC/1.1").plain()))));
    assertEquals(expected, texts(read(Files.write(dir.resolve("c.warc.gz"), mixed("WARC/1.0").gzipWhole()))));
    // An explicit format reads a file whatever its name.
    assertEquals(expected, texts(read(Files.write(dir.resolve("d.dat"), mixed("WARC/1.0").plain()), "read.format=warc")));
  }

  private static List<String> texts(DocumentReader.Result result) {
    return records(result).stream().map(r -> r.getString(r.fieldIndex("text"))).toList();
  }

  @Test
  void aTruncatedPayloadIsRejectedAndTheRecordsAroundItStand(@TempDir Path dir) throws IOException {
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    WarcFixture warc = new WarcFixture()
        .html("https://a.example/1", "text/html", page)
        .html("https://a.example/2", "text/html", Arrays.copyOf(page, 40), "WARC-Truncated: length")
        .html("https://a.example/3", "text/html", page);
    List<Row> rows = records(read(Files.write(dir.resolve("t.warc"), warc.plain())));
    assertEquals(3, rows.size());
    assertEquals("warc-truncated", rows.get(1).getString(rows.get(1).fieldIndex("reject_reason")));
    assertEquals("WARC-Truncated: length", meta(rows.get(1), ReadReject.ERROR_KEY));
    assertNull(rows.get(2).get(rows.get(2).fieldIndex("reject_reason")));
  }

  @Test
  void chunkedAndGzipEncodedBodiesAreUndone(@TempDir Path dir) throws IOException {
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    WarcFixture warc = new WarcFixture()
        .response("https://a.example/c", 200, List.of("Content-Type: text/html; charset=utf-8", "Transfer-Encoding: chunked"),
            WarcFixture.chunked(page, 17))
        .response("https://a.example/g", 200, List.of("Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip"),
            WarcFixture.gzip(page))
        .response("https://a.example/bad", 200, List.of("Content-Type: text/html", "Content-Encoding: gzip"),
            "not gzip at all".getBytes(StandardCharsets.US_ASCII));
    List<Row> rows = records(read(Files.write(dir.resolve("e.warc"), warc.plain())));
    assertEquals(PAGE, rows.get(0).getString(rows.get(0).fieldIndex("text")));
    assertEquals(PAGE, rows.get(1).getString(rows.get(1).fieldIndex("text")));
    assertEquals("undecodable-content-encoding", rows.get(2).getString(rows.get(2).fieldIndex("reject_reason")));
  }

  @Test
  void pagesAreDecodedByTheirCharsetAndBrokenHttpIsRejected(@TempDir Path dir) throws IOException {
    String russian = "<html><body><p>Съешь же ещё этих мягких французских булок, да выпей чаю. "
        + "Широкая электрификация южных губерний даст мощный толчок подъёму сельского хозяйства.</p></body></html>";
    WarcFixture warc = new WarcFixture()
        .html("https://ru.example/", "text/html; charset=windows-1251", russian.getBytes(Charset.forName("windows-1251")))
        .record("response", "https://x.example/", "application/http; msgtype=response",
            "this is no HTTP response\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    List<Row> rows = records(read(Files.write(dir.resolve("c.warc"), warc.plain())));
    assertEquals(russian, rows.get(0).getString(rows.get(0).fieldIndex("text")));
    assertEquals("windows-1251", meta(rows.get(0), "charset"));
    assertEquals("malformed-http", rows.get(1).getString(rows.get(1).fieldIndex("reject_reason")));
  }

  @Test
  void aWarcCutOffMidRecordKeepsTheRecordsBeforeAndItsCounts(@TempDir Path dir) throws IOException {
    byte[] whole = mixed("WARC/1.0").gzipPerRecord();
    Path cut = Files.write(dir.resolve("cut.warc.gz"), Arrays.copyOf(whole, whole.length - 40));
    DocumentReader.Result result = read(cut);
    List<Row> rows = records(result);
    assertEquals(2, rows.size(), rows.toString());
    assertEquals(PAGE, rows.get(0).getString(rows.get(0).fieldIndex("text")));
    assertEquals(ReadReject.TRUNCATED_INPUT, rows.get(1).getString(rows.get(1).fieldIndex("reject_reason")));
    assertEquals(1L, ReadRecords.counts(result.rows()).get("warc.html-responses"));
    assertEquals(1L, ReadRecords.counts(result.rows()).get("warc.skipped.revisit"));
  }

  @Test
  void anHtmlFieldOfJsonlOrParquetIsTheContentWhereARecordHasOne(@TempDir Path dir) throws IOException {
    Path jsonl = Files.writeString(dir.resolve("pages.jsonl"), String.join("\n",
        "{\"id\": \"h\", \"html\": \"<p>markup</p>\", \"text\": \"ignored\"}",
        "{\"id\": \"t\", \"text\": \"plain text\"}",
        "{\"id\": \"b\", \"html\": \" \", \"text\": \"blank html: the text\"}",
        "{\"id\": \"n\"}"));
    List<Row> rows = records(read(jsonl, "read.fields.html=html"));
    assertEquals(List.of("<p>markup</p>/true", "plain text/false", "blank html: the text/false"),
        rows.subList(0, 3).stream().map(r -> r.getString(r.fieldIndex("text")) + "/" + r.getBoolean(r.fieldIndex("html"))).toList());
    assertEquals("no 'text' field and no HTML in 'html'", meta(rows.get(3), ReadReject.ERROR_KEY));

    Path parquet = dir.resolve("pages.parquet");
    spark.read().json(jsonl.toString()).write().parquet(parquet.toString());
    List<Row> fromParquet = DocumentReader.read(spark, List.of(parquet.toString()), settings("read.fields.html=html"))
        .records().orderBy("id").collectAsList();
    assertEquals(List.of("b:blank html: the text/false", "h:<p>markup</p>/true", "t:plain text/false"),
        fromParquet.stream().filter(r -> r.get(r.fieldIndex("id")) != null)
            .map(r -> r.getString(r.fieldIndex("id")) + ":" + r.getString(r.fieldIndex("text")) + "/"
                + r.getBoolean(r.fieldIndex("html"))).toList());
  }

  @Test
  void autoTellsWarcFromWetByName() {
    assertEquals(InputFormat.WARC, InputFormat.detect("CC-MAIN-20240101-00000.warc.gz"));
    assertEquals(InputFormat.WET, InputFormat.detect("CC-MAIN-20240101-00000.warc.wet.gz"));
    assertEquals(InputFormat.WARC, InputFormat.detect("crawl.warc"));
    assertFalse(InputFormat.detect("crawl.warc.json").equals(InputFormat.WARC));
  }
}
