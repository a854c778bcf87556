package dev.pretrain.common.read;

import java.util.Locale;

/**
 * Why the reader rejected a record, in the form {@code rejected/} keeps it: a stable reason
 * without measured values (so grouping by it gives the breakdown), the setting that decided, the
 * measured value, and the parser's or decoder's own message, which goes into the row's
 * {@code meta} under {@link #ERROR_KEY}.
 *
 * @param reason e.g. {@code too-large}, {@code malformed-json}, {@code truncated-input}
 * @param rule the setting that decided, e.g. {@code read.max-document-bytes}; null if none did
 * @param value what was measured against that setting (bytes, a fraction); null if nothing was
 * @param detail the parser's or decoder's message; null if there is none
 */
public record ReadReject(String reason, String rule, Double value, String detail) {
  /** The {@code meta} key of a read reject's detail. */
  public static final String ERROR_KEY = "error";
  /** The reason of a broken input file's one row. */
  public static final String TRUNCATED_INPUT = "truncated-input";

  private static final String TEXT_FIELD = "read.fields.text";

  static ReadReject tooLarge(long bytes) {
    return new ReadReject("too-large", "read.max-document-bytes", (double) bytes, null);
  }

  static ReadReject invalidUtf8(Utf8Text decoded) {
    return new ReadReject("invalid-utf8", "read.max-invalid-utf8-fraction", decoded.malformedFraction(),
        String.format(Locale.ROOT, "%d malformed sequences in %d characters", decoded.malformed(), decoded.text().length()));
  }

  static ReadReject malformedJson(String parserMessage) {
    return new ReadReject("malformed-json", null, null, parserMessage);
  }

  /** @param jsonType what the line holds instead, e.g. {@code array} */
  static ReadReject notAnObject(String jsonType) {
    return new ReadReject("not-an-object", null, null, "a JSON " + jsonType);
  }

  static ReadReject missingText(String detail) {
    return new ReadReject("missing-text", TEXT_FIELD, null, detail);
  }

  static ReadReject textNotAString(String detail) {
    return new ReadReject("text-not-a-string", TEXT_FIELD, null, detail);
  }

  static ReadReject emptyText() {
    return new ReadReject("empty-text", null, null, null);
  }

  /** @param error what is wrong with the HTTP response: its status line, header or codings */
  static ReadReject malformedHttp(String error) {
    return new ReadReject("malformed-http", null, null, error);
  }

  /** @param why the WARC-Truncated field's value: length, time, disconnect, unspecified */
  static ReadReject warcTruncated(String why) {
    return new ReadReject("warc-truncated", null, null, "WARC-Truncated: " + why);
  }

  /** @param error why the chunked transfer or content coding could not be undone */
  static ReadReject undecodableContent(String error) {
    return new ReadReject("undecodable-content-encoding", null, null, error);
  }

  /** A page whose bytes are mostly invalid under the charset decided for it. */
  static ReadReject undecodable(dev.pretrain.common.read.charset.DecodedPage page) {
    return new ReadReject("undecodable:" + page.charset(), "read.max-invalid-utf8-fraction", page.replacementFraction(),
        String.format(Locale.ROOT, "%d replaced bytes in %d characters (charset by %s)", page.replacements(),
            page.text().length(), page.decidedBy().name().toLowerCase(Locale.ROOT)));
  }

  /** @param error what the decoder said, e.g. {@code EOFException: Unexpected end of ZLIB input stream} */
  static ReadReject truncatedInput(String error) {
    return new ReadReject(TRUNCATED_INPUT, "read.on-corrupt-file", null, error);
  }
}
