package dev.pretrain.common.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Common Crawl WET files: each {@code conversion} record is one page's extracted text; the
 * {@code warcinfo} header record is skipped. The id is the WARC-Record-ID, the url the
 * WARC-Target-URI, the offset the record's position in the (decompressed) file.
 *
 * <p>A record counts as read once jwarc has read past its trailer (the CRLFCRLF after the body),
 * which it does when asked for the following record; so each page is returned only after that
 * look-ahead. A stream that breaks in a record's trailer then breaks in that record, and
 * {@link #position()} (jwarc's, which moves on only past a trailer) is always the start of the
 * first record not read completely.
 */
final class WetRecords extends FileRecords {
  private final WarcReader reader;
  /** The record read next; empty at the end of the file, null before the first. */
  private Optional<WarcRecord> ahead;
  /** A break met while looking ahead past a complete record, thrown on the next call. */
  private IOException breakAhead;

  WetRecords(InputFile file, ReadSettings settings, InputStream in) throws IOException {
    super(file, settings, in);
    this.reader = new WarcReader(in);
  }

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
      Row row = current instanceof WarcConversion page ? page(page, start) : null;
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

  /** A page's row, its whole body read (up to read.max-document-bytes kept). */
  private Row page(WarcConversion page, long offset) throws IOException {
    MessageBody body = page.body();
    byte[] kept = body.stream().readNBytes(settings.maxDocumentBytes());
    long total = kept.length + body.stream().transferTo(java.io.OutputStream.nullOutputStream());
    Utf8Text decoded = Utf8Text.decode(kept, 0, kept.length);
    Row bad = checkBytes(offset, total, decoded);
    if (bad != null) {
      return bad;
    }
    if (decoded.text().isBlank()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.emptyText(), decoded.text());
    }
    Map<String, String> meta = page.headers().first("WARC-Date").map(d -> Map.of("warc_date", d)).orElse(Map.of());
    return ReadRecords.document(page.id().toString(), decoded.text(), source(), page.target(), meta,
        file.path(), offset, decoded.malformed());
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
