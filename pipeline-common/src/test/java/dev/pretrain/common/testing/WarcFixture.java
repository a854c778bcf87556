package dev.pretrain.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * WARC files written byte by byte from the format's description (ISO 28500, WARC/1.0 and 1.1: a
 * version line, named fields, a blank line, Content-Length bytes of block, then CRLF CRLF), so
 * the reader is tested against the format and not against a writer of the same library.
 */
public final class WarcFixture {
  private final String version;
  private final List<byte[]> records = new ArrayList<>();
  private int next;

  public WarcFixture(String version) {
    this.version = version;
  }

  public WarcFixture() {
    this("WARC/1.0");
  }

  /** The record id of the n-th record added (0-based). */
  public static String id(int n) {
    return String.format("<urn:uuid:00000000-0000-4000-8000-%012d>", n);
  }

  public WarcFixture warcinfo() {
    return record("warcinfo", null, "application/warc-fields", "software: fixture\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  public WarcFixture request(String url) {
    return record("request", url, "application/http; msgtype=request",
        ("GET / HTTP/1.1\r\nHost: " + url.replaceAll("https?://([^/]*).*", "$1") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  public WarcFixture metadata(String url) {
    return record("metadata", url, "application/warc-fields", "fetchTimeMs: 12\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  public WarcFixture revisit(String url) {
    return record("revisit", url, "application/http; msgtype=response",
        "HTTP/1.1 304 Not Modified\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** An HTTP response with the given status line's code, headers (each "Name: value") and payload. */
  public WarcFixture response(String url, int status, List<String> httpHeaders, byte[] payload, String... warcFields) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + (status == 200 ? " OK" : " Other") + "\r\n");
    httpHeaders.forEach(h -> head.append(h).append("\r\n"));
    head.append("\r\n");
    block.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    block.writeBytes(payload);
    return record("response", url, "application/http; msgtype=response", block.toByteArray(), warcFields);
  }

  /** A 200 text/html response with the page's bytes as given. */
  public WarcFixture html(String url, String contentType, byte[] page, String... warcFields) {
    return response(url, 200, List.of("Content-Type: " + contentType, "Content-Length: " + page.length), page, warcFields);
  }

  public WarcFixture record(String type, String url, String contentType, byte[] block, String... extraFields) {
    StringBuilder head = new StringBuilder(version).append("\r\n");
    head.append("WARC-Type: ").append(type).append("\r\n");
    head.append("WARC-Record-ID: ").append(id(next++)).append("\r\n");
    head.append("WARC-Date: 2026-11-").append(String.format("%02d", 1 + records.size() % 28)).append("T10:00:00Z\r\n");
    if (url != null) {
      head.append("WARC-Target-URI: ").append(url).append("\r\n");
    }
    head.append("Content-Type: ").append(contentType).append("\r\n");
    for (String field : extraFields) {
      head.append(field).append("\r\n");
    }
    head.append("Content-Length: ").append(block.length).append("\r\n\r\n");
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    record.writeBytes(block);
    record.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    records.add(record.toByteArray());
    return this;
  }

  public byte[] plain() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** One gzip member per record, as Common Crawl writes its WARC files. */
  public byte[] gzipPerRecord() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(r -> out.writeBytes(gzip(r)));
    return out.toByteArray();
  }

  public byte[] gzipWhole() {
    return gzip(plain());
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A body in HTTP/1.1 chunked transfer coding (RFC 9112, 7.1), in chunks of at most n bytes. */
  public static byte[] chunked(byte[] body, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < body.length; i += n) {
      int len = Math.min(n, body.length - i);
      out.writeBytes((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, len);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
