package dev.pretrain.common.read;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Streams the records of one file (JSONL, text, WET) as rows, never holding more than one
 * record (capped at {@code read.max-document-bytes}) in memory.
 */
abstract class FileRecords implements Iterator<Row>, Closeable {
  protected final InputFile file;
  protected final ReadSettings settings;
  protected final InputStream in;
  private final Map<String, Long> counts = new TreeMap<>();
  private Row next;
  private boolean done;

  FileRecords(InputFile file, ReadSettings settings, InputStream in) {
    this.file = file;
    this.settings = settings;
    this.in = in;
  }

  static FileRecords open(InputFile file, ReadSettings settings, InputStream in) throws IOException {
    return switch (file.format()) {
      case JSONL -> new Jsonl(file, settings, in);
      case TEXT_LINE -> new TextLines(file, settings, in);
      case TEXT_FILE -> new WholeFile(file, settings, in);
      case WET -> new WetRecords(file, settings, in);
      case WARC -> new WarcResponses(file, settings, in);
      case PARQUET, AUTO -> throw new IllegalArgumentException(file.format() + " is not streamed: " + file.path());
    };
  }

  /** Counts one more of something that is no record (see {@link ReadRecords}'s counts rows). */
  protected void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  /** The file's counts row, or null if nothing was counted; after the last record, or a break. */
  Row countsRow() {
    return counts.isEmpty() ? null : ReadRecords.counts(file.path(), position(), counts);
  }

  /** The next row, or null at the end of the file. */
  protected abstract Row advance() throws IOException;

  /**
   * The uncompressed byte offset where the record being read starts; after {@link #advance}
   * failed, where the first record that could not be read completely starts.
   */
  abstract long position();

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      try {
        next = advance();
      } catch (IOException e) {
        closeQuietly();
        throw new UncheckedIOException("reading " + file.path() + ": " + e.getMessage(), e);
      }
      if (next == null) {
        done = true;
        closeQuietly();
      }
    }
    return next != null;
  }

  @Override
  public final Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException ignored) {
      // Nothing more to read from it either way.
    }
  }

  protected String source() {
    return settings.source() != null ? settings.source() : file.stem();
  }

  /** A rejected row if the record is too large or not UTF-8 enough, else null. */
  protected Row checkBytes(long offset, long fullLength, Utf8Text decoded) {
    if (fullLength > settings.maxDocumentBytes()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.tooLarge(fullLength), decoded.text());
    }
    if (decoded.malformedFraction() > settings.maxInvalidUtf8Fraction()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.invalidUtf8(decoded), decoded.text());
    }
    return null;
  }

  /** Line-based formats: blank lines hold no record and are skipped; each other line is one. */
  abstract static class LineRecords extends FileRecords {
    private final LineReader lines;

    LineRecords(InputFile file, ReadSettings settings, InputStream in) {
      super(file, settings, in);
      this.lines = new LineReader(in, settings.maxDocumentBytes());
    }

    /** The row for one non-blank line that passed the size and UTF-8 checks. */
    protected abstract Row parse(Utf8Text line, long offset);

    @Override
    final long position() {
      return lines.offset();
    }

    @Override
    protected final Row advance() throws IOException {
      while (lines.next()) {
        Utf8Text decoded = Utf8Text.decode(lines.bytes(), 0, lines.length());
        if (!lines.oversized() && decoded.text().isBlank()) {
          continue;
        }
        Row bad = checkBytes(lines.offset(), lines.fullLength(), decoded);
        return bad != null ? bad : parse(decoded, lines.offset());
      }
      return null;
    }
  }

  /** JSON Lines: one object per line. */
  static final class Jsonl extends LineRecords {
    private final JsonRecordParser parser;

    Jsonl(InputFile file, ReadSettings settings, InputStream in) {
      super(file, settings, in);
      this.parser = new JsonRecordParser(settings, file.path(), source());
    }

    @Override
    protected Row parse(Utf8Text line, long offset) {
      return parser.parse(line.text(), offset, line.malformed());
    }
  }

  /** Plain text, one document per non-blank line. */
  static final class TextLines extends LineRecords {
    TextLines(InputFile file, ReadSettings settings, InputStream in) {
      super(file, settings, in);
    }

    @Override
    protected Row parse(Utf8Text line, long offset) {
      return ReadRecords.document(StableIds.of(file.path(), offset), line.text(), source(), null, Map.of(),
          file.path(), offset, line.malformed());
    }
  }

  /** Plain text, the whole file one document (offset 0). */
  static final class WholeFile extends FileRecords {
    private boolean read;

    WholeFile(InputFile file, ReadSettings settings, InputStream in) {
      super(file, settings, in);
    }

    @Override
    long position() {
      return 0;
    }

    @Override
    protected Row advance() throws IOException {
      if (read) {
        return null;
      }
      read = true;
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        int room = (int) Math.max(0, Math.min(n, settings.maxDocumentBytes() - total));
        kept.write(buffer, 0, room);
        total += n;
      }
      byte[] bytes = kept.toByteArray();
      Utf8Text decoded = Utf8Text.decode(bytes, 0, bytes.length);
      Row bad = checkBytes(0, total, decoded);
      if (bad != null) {
        return bad;
      }
      if (decoded.text().isBlank()) {
        return ReadRecords.rejected(file.path(), 0, ReadReject.emptyText(), decoded.text());
      }
      return ReadRecords.document(StableIds.of(file.path(), 0), decoded.text(), source(), null, Map.of(),
          file.path(), 0, decoded.malformed());
    }
  }
}
