package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What a broken stream means: a storage error fails the task, bytes that do not decode are one reject row. */
class CorruptStreamGuardTest {
  private static final InputFile FILE = new InputFile("file:/data/docs.jsonl.gz", InputFormat.JSONL, 0);

  private static ReadSettings settings(String... sets) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), ReadSettings.SCHEMA).reader();
    ReadSettings settings = ReadSettings.read(reader);
    reader.finish();
    return settings;
  }

  private static byte[] gzippedLines(int n) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < n; i++) {
        out.write(("{\"id\":\"d" + i + "\",\"text\":\"document number " + i + " of the test\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  /** Delivers {@code bytes}, then fails as a dropped connection does. */
  private static InputStream failingAfter(byte[] bytes) {
    return new InputStream() {
      private final InputStream in = new ByteArrayInputStream(bytes);

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
          throw new IOException("Connection reset");
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
          throw new IOException("Connection reset");
        }
        return n;
      }
    };
  }

  private static List<Row> drain(CorruptStreamGuard guard) {
    List<Row> rows = new ArrayList<>();
    guard.forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void bytesThatEndTooEarlyAreOneRejectAfterTheRecordsBeforeThem() throws IOException {
    byte[] whole = gzippedLines(2000);
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    List<Row> rows = drain(new CorruptStreamGuard(FILE, settings(), new StorageStream(new ByteArrayInputStream(cut))));
    Row last = rows.get(rows.size() - 1);
    assertEquals(ReadReject.TRUNCATED_INPUT, last.getString(8));
    assertTrue(rows.subList(0, rows.size() - 1).stream().allMatch(r -> r.isNullAt(8)));
    assertTrue(rows.size() > 100, "rows " + rows.size());
  }

  @Test
  void theSameBytesFromAFailingStorageFailTheTaskInstead() throws IOException {
    byte[] whole = gzippedLines(2000);
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    CorruptStreamGuard guard = new CorruptStreamGuard(FILE, settings(), new StorageStream(failingAfter(cut)));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> drain(guard));
    assertEquals("reading file:/data/docs.jsonl.gz: Connection reset", e.getMessage());
  }

  @Test
  void aFileThatIsNotInItsCompressionFormatIsOneRejectAtOffsetZero() {
    byte[] notGzip = "{\"text\":\"plain JSON named .gz\"}\n".getBytes(StandardCharsets.UTF_8);
    List<Row> rows = drain(new CorruptStreamGuard(FILE, settings(), new StorageStream(new ByteArrayInputStream(notGzip))));
    assertEquals(1, rows.size());
    assertEquals(ReadReject.TRUNCATED_INPUT, rows.get(0).getString(8));
    assertEquals(0, rows.get(0).getLong(6));
    assertEquals("ZipException: Not in GZIP format", rows.get(0).<String, String>getJavaMap(4).get(ReadReject.ERROR_KEY));
  }

  @Test
  void underFailTheFirstBrokenRecordStopsWithTheFileAndOffset() throws IOException {
    byte[] whole = gzippedLines(2000);
    CorruptStreamGuard guard = new CorruptStreamGuard(FILE, settings("read.on-corrupt-file=fail"),
        new StorageStream(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length / 2))));
    CorruptInputFile e = assertThrows(CorruptInputFile.class, () -> drain(guard));
    assertTrue(e.getMessage().startsWith("read: file:/data/docs.jsonl.gz is truncated or corrupt: reading broke in the"
        + " record at uncompressed byte "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
