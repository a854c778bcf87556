package dev.pretrain.common.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as bytes, with the byte offset where each starts, without ever holding more than
 * {@code maxLineBytes} of one line: a runaway line (a whole crawl on one line, a binary file) is
 * reported as oversized and skipped instead of exhausting the executor's memory.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkLength;
  private int chunkPos;
  private long position;
  private byte[] line = new byte[1024];

  /** The current line: bytes {@code [0, length)} of {@link #bytes()}, without the line break. */
  private int length;
  private long offset;
  private long fullLength;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() throws IOException {
    length = 0;
    fullLength = 0;
    offset = position;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLength) {
        chunkLength = in.read(chunk);
        chunkPos = 0;
        if (chunkLength <= 0) {
          chunkLength = 0;
          stripCarriageReturn();
          return any;
        }
      }
      any = true;
      int start = chunkPos;
      int end = start;
      while (end < chunkLength && chunk[end] != '\n') {
        end++;
      }
      append(start, end);
      position += end - start;
      chunkPos = end;
      if (end < chunkLength) { // found '\n'
        chunkPos++;
        position++;
        stripCarriageReturn();
        return true;
      }
    }
  }

  private void append(int start, int end) {
    int n = end - start;
    fullLength += n;
    int room = maxLineBytes + 1 - length; // keep one byte past the cap to know it was exceeded
    int take = Math.min(n, Math.max(room, 0));
    if (take > 0) {
      if (length + take > line.length) {
        line = Arrays.copyOf(line, Math.max(length + take, Math.min(line.length * 2, maxLineBytes + 1)));
      }
      System.arraycopy(chunk, start, line, length, take);
      length += take;
    }
  }

  private void stripCarriageReturn() {
    if (fullLength <= maxLineBytes && length > 0 && line[length - 1] == '\r') {
      length--;
      fullLength--;
    }
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return (int) Math.min(length, maxLineBytes);
  }

  long offset() {
    return offset;
  }

  /** The line's true length, which may exceed what was kept. */
  long fullLength() {
    return fullLength;
  }

  boolean oversized() {
    return fullLength > maxLineBytes;
  }
}
