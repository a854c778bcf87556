package dev.pretrain.common.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The HTTP response a WARC {@code response} record holds, parsed from its block in memory: the
 * status, the header fields, and the payload with its transfer and content codings undone (RFC
 * 9112 section 7.1 chunked; RFC 9110 section 8.4 gzip and deflate), as crawlers store what the
 * server sent. Parsing is lenient where servers are (bare LF line ends, no reason phrase), and a
 * response without a Content-Length runs to the end of the block, as a connection close ends it.
 */
record HttpResponseBlock(int status, Map<String, String> headers, byte[] block, int bodyStart) {
  /** A block that is no HTTP response, or a coding that cannot be undone. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** A header field's first value (names are case-insensitive). */
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The status and header fields of a block (or of its start: the payload is decoded by {@link #payload}). */
  static HttpResponseBlock parse(byte[] block) throws Malformed {
    int end = headerEnd(block);
    if (end < 0) {
      throw new Malformed("no end of the HTTP header");
    }
    String[] lines = new String(block, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
      throw new Malformed("not an HTTP status line: " + abbreviate(lines[0]));
    }
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
    }
    return new HttpResponseBlock(Integer.parseInt(statusLine[1]), headers, block, end + (block[end] == '\r' ? 4 : 2));
  }

  /**
   * The payload with its codings undone.
   *
   * @param limit the most payload bytes decoded: one more than this is returned to tell a larger payload
   * @throws Malformed if the chunked transfer or content coding cannot be undone
   */
  byte[] payload(int limit) throws Malformed {
    int bodyLength = block.length - bodyStart;
    boolean chunked = header("Transfer-Encoding").map(t -> t.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
    if (!chunked) {
      Optional<Long> declared = header("Content-Length").flatMap(HttpResponseBlock::parseLength);
      if (declared.isPresent() && declared.get() < bodyLength) {
        bodyLength = (int) (long) declared.get();
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(block, bodyStart, bodyStart + bodyLength);
    try {
      InputStream in = new ByteArrayInputStream(chunked ? unchunk(body) : body);
      String coding = header("Content-Encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
      in = switch (coding) {
        case "identity", "" -> in;
        case "gzip", "x-gzip" -> new GZIPInputStream(in);
        // "deflate" is zlib-wrapped by the RFC, and raw deflate from some servers.
        case "deflate" -> new InflaterInputStream(in, new Inflater(!isZlib(body)));
        default -> throw new Malformed("unsupported content encoding: " + coding);
      };
      return in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw new Malformed("undoing " + (chunked ? "chunked transfer and " : "") + "content encoding: " + e);
    }
  }

  /** Where the header's blank line starts (at its CR or LF), or -1. */
  private static int headerEnd(byte[] b) {
    for (int i = 0; i + 1 < b.length; i++) {
      if (b[i] == '\n' && b[i + 1] == '\n') {
        return i; // bare LF line ends: the blank line is the second LF
      }
      if (i + 3 < b.length && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** RFC 9112 section 7.1: hex size line (extensions after ';' ignored), data, CRLF; a size of 0 ends it. */
  private static byte[] unchunk(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int at = 0;
    while (true) {
      int lineEnd = indexOf(body, (byte) '\n', at);
      if (lineEnd < 0) {
        throw new IOException("chunk size line missing at byte " + at);
      }
      String sizeField = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";", 2)[0].strip();
      int size;
      try {
        size = Integer.parseInt(sizeField, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size '" + abbreviate(sizeField) + "'");
      }
      at = lineEnd + 1;
      if (size == 0) {
        return out.toByteArray();
      }
      if (size < 0 || at + size > body.length) {
        throw new IOException("chunk of " + size + " bytes runs past the body");
      }
      out.write(body, at, size);
      at += size;
      while (at < body.length && (body[at] == '\r' || body[at] == '\n')) {
        at++;
      }
    }
  }

  private static boolean isZlib(byte[] body) {
    return body.length >= 2 && (body[0] & 0x0f) == 8 && ((body[0] & 0xff) << 8 | (body[1] & 0xff)) % 31 == 0;
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<Long> parseLength(String value) {
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
