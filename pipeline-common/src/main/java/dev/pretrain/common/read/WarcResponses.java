package dev.pretrain.common.read;

import dev.pretrain.common.read.charset.DecodedPage;
import dev.pretrain.common.read.charset.PageDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;

/**
 * WARC files of a crawl (Common Crawl's {@code .warc.gz}, any crawler's WARC/1.0 or 1.1): each
 * {@code response} record with HTTP status 200 and an HTML content type is one document, its text
 * the page's HTML decoded by {@link PageDecoder} and marked {@code html} for the curate job's
 * extractor. Every other record holds no document and is counted by kind
 * ({@code warc.skipped.request}, {@code warc.skipped.response-not-200}, ...), not rejected. A
 * payload the crawler cut short ({@code WARC-Truncated}) is rejected ({@code warc-truncated}), as
 * is one that is malformed HTTP ({@code malformed-http}), in a transfer or content coding that
 * cannot be undone ({@code undecodable-content-encoding}, see {@link HttpResponseBlock}), larger than {@code read.max-document-bytes}, or mostly
 * undecodable under its
 * charset ({@code undecodable:<charset>}, against {@code read.max-invalid-utf8-fraction}).
 *
 * <p>The id is the WARC-Record-ID and the url the WARC-Target-URI; {@code meta} holds
 * {@code warc_date}, {@code warc_record_id}, {@code content_type}, {@code charset} and
 * {@code last_modified} (when the server sent one).
 */
final class WarcResponses extends WarcFileRecords {
  /** HTML media types (WHATWG MIME Sniffing's "HTML MIME type", and XHTML). */
  private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
  /** Room for the HTTP status line and headers on top of read.max-document-bytes of payload. */
  private static final int HEADER_ROOM = 64 * 1024;

  private final PageDecoder decoder = new PageDecoder();

  WarcResponses(InputFile file, ReadSettings settings, InputStream in) throws IOException {
    super(file, settings, in);
  }

  @Override
  protected Row row(WarcRecord record, long offset) throws IOException {
    if (!(record instanceof WarcResponse response)) {
      count("warc.skipped." + record.type());
      return null;
    }
    // The whole block is read first: a broken stream breaks here, as a file's fault; what
    // follows parses bytes in memory, so a record's own faults become its reject row.
    Block block = block(response, settings.maxDocumentBytes() + HEADER_ROOM);
    HttpResponseBlock http;
    try {
      http = HttpResponseBlock.parse(block.bytes());
    } catch (HttpResponseBlock.Malformed e) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.malformedHttp(e.getMessage()), null);
    }
    if (http.status() != 200) {
      count("warc.skipped.response-not-200");
      return null;
    }
    Optional<String> contentType = http.header("Content-Type");
    if (!isHtml(contentType.orElseGet(() -> response.headers().first("WARC-Identified-Payload-Type").orElse("")))) {
      count("warc.skipped.response-not-html");
      return null;
    }
    WarcTruncationReason truncated = response.truncated();
    if (truncated != WarcTruncationReason.NOT_TRUNCATED) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.warcTruncated(truncated.name().toLowerCase(Locale.ROOT)),
          null);
    }
    if (block.cut()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.tooLarge(block.length()), null);
    }
    byte[] payload;
    try {
      payload = http.payload(settings.maxDocumentBytes());
    } catch (HttpResponseBlock.Malformed e) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.undecodableContent(e.getMessage()), null);
    }
    if (payload.length > settings.maxDocumentBytes()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.tooLarge(payload.length), null);
    }
    DecodedPage page = decoder.decode(payload, 0, payload.length, contentType.orElse(null));
    count("charset.decided-by." + page.decidedBy().name().toLowerCase(Locale.ROOT));
    if (page.mojibakeRepaired()) {
      count("charset.mojibake-repaired");
    }
    if (page.replacementFraction() > settings.maxInvalidUtf8Fraction()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.undecodable(page), page.text());
    }
    if (page.text().isBlank()) {
      return ReadRecords.rejected(file.path(), offset, ReadReject.emptyText(), page.text());
    }
    count("warc.html-responses");
    Map<String, String> meta = new TreeMap<>();
    response.headers().first("WARC-Date").ifPresent(d -> meta.put("warc_date", d));
    meta.put("warc_record_id", response.id().toString());
    contentType.ifPresent(t -> meta.put("content_type", t));
    meta.put("charset", page.charset());
    http.header("Last-Modified").ifPresent(d -> meta.put("last_modified", d));
    return ReadRecords.document(response.id().toString(), page.text(), true, source(), response.target(), meta,
        file.path(), offset, page.replacements());
  }

  private static boolean isHtml(String contentType) {
    String base = MediaType.parseLeniently(contentType).base().toString().toLowerCase(Locale.ROOT);
    return HTML_TYPES.contains(base);
  }
}
