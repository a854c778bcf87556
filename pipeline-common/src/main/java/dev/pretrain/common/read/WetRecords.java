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
 */
final class WetRecords extends FileRecords {
  private final WarcReader reader;

  WetRecords(InputFile file, ReadSettings settings, InputStream in) throws IOException {
    super(file, settings, in);
    this.reader = new WarcReader(in);
  }

  @Override
  protected Row advance() throws IOException {
    while (true) {
      Optional<WarcRecord> next = reader.next();
      if (next.isEmpty()) {
        return null;
      }
      if (!(next.get() instanceof WarcConversion page)) {
        continue;
      }
      long offset = reader.position();
      MessageBody body = page.body();
      byte[] kept = body.stream().readNBytes(settings.maxDocumentBytes());
      long total = kept.length + body.stream().transferTo(java.io.OutputStream.nullOutputStream());
      Utf8Text decoded = Utf8Text.decode(kept, 0, kept.length);
      Row bad = checkBytes(offset, total, decoded);
      if (bad != null) {
        return bad;
      }
      if (decoded.text().isBlank()) {
        return ReadRecords.rejected(file.path(), offset, "empty-text", decoded.text());
      }
      Map<String, String> meta = page.headers().first("WARC-Date").map(d -> Map.of("warc_date", d)).orElse(Map.of());
      return ReadRecords.document(page.id().toString(), decoded.text(), source(), page.target(), meta,
          file.path(), offset, decoded.malformed());
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
