package dev.pretrain.common.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * A WARC file (WARC/1.0 or 1.1; gzip per record or whole, looked through by {@link Compression}):
 * each record becomes a row or is skipped, as the format's {@link #row} decides. The offset of a
 * row is its record's position in the (decompressed) file.
 *
 * <p>A record counts as read once jwarc has read past its trailer (the CRLFCRLF after the body),
 * which it does when asked for the following record; so each row is returned only after that
 * look-ahead. A stream that breaks in a record's trailer then breaks in that record, and
 * {@link #position()} (jwarc's, which moves on only past a trailer) is always the start of the
 * first record not read completely.
 */
abstract class WarcFileRecords extends FileRecords {
  private final WarcReader reader;
  /** The record read next; empty at the end of the file, null before the first. */
  private Optional<WarcRecord> ahead;
  /** A break met while looking ahead past a complete record, thrown on the next call. */
  private IOException breakAhead;

  WarcFileRecords(InputFile file, ReadSettings settings, InputStream in) throws IOException {
    super(file, settings, in);
    this.reader = new WarcReader(in);
  }

  /**
   * The row of one record (a document or a reject), or null for a record that holds no document
   * (counted by kind with {@link #count}). Reads the record's whole body; an {@link IOException}
   * here is a broken stream, so a record's own faults (a malformed HTTP header, say) must become
   * reject rows instead.
   */
  protected abstract Row row(WarcRecord record, long offset) throws IOException;

  @Override
  long position() {
    return reader.position();
  }

  @Override
  protected Row advance() throws IOException {
    if (breakAhead != null) {
      throw breakAhead;
    }
    if (ahead == null) {
      ahead = reader.next();
    }
    while (ahead.isPresent()) {
      WarcRecord current = ahead.get();
      long start = reader.position();
      Row row = row(current, start);
      try {
        ahead = reader.next();
      } catch (IOException e) {
        if (row == null || reader.position() == start) {
          throw e; // in the current record's trailer: it is the one not read completely
        }
        breakAhead = e; // past its trailer, in the next record: the current one stands
        return row;
      }
      if (row != null) {
        return row;
      }
    }
    return null;
  }

  /**
   * A record's block, up to {@code limit} bytes, and its full length: the rest is read and
   * dropped, so a huge record costs no memory.
   */
  protected static Block block(WarcRecord record, int limit) throws IOException {
    InputStream body = record.body().stream();
    byte[] kept = body.readNBytes(limit);
    long total = kept.length + body.transferTo(java.io.OutputStream.nullOutputStream());
    return new Block(kept, total);
  }

  /** The start of a record's block and the block's full length. */
  protected record Block(byte[] bytes, long length) {
    boolean cut() {
      return length > bytes.length;
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
