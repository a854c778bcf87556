package dev.pretrain.common.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Common Crawl WET files: each {@code conversion} record is one page's extracted text; the
 * {@code warcinfo} header record is skipped. The id is the WARC-Record-ID, the url the
 * WARC-Target-URI.
 */
final class WetRecords extends WarcFileRecords {
  WetRecords(InputFile file, ReadSettings settings, InputStream in) throws IOException {
    super(file, settings, in);
  }

  /** A page's row, its whole body read (up to read.max-document-bytes kept). */
  @Override
  protected Row row(WarcRecord record, long offset) throws IOException {
    if (!(record instanceof WarcConversion page)) {
      return null;
    }
    Block body = block(page, settings.maxDocumentBytes());
    Utf8Text decoded = Utf8Text.decode(body.bytes(), 0, body.bytes().length);
    Row bad = checkBytes(offset, body.length(), decoded);
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
}
