package dev.pretrain.tokenize.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Little-endian numbers into a stream through one buffer (every format here is little-endian, as
 * numpy's and C's native order on x86 and ARM). Counts what it wrote.
 */
final class LittleEndianOut implements Closeable {
  private static final int BUFFER = 1 << 20;

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private int fill;
  private long written;

  LittleEndianOut(OutputStream out) {
    this.out = out;
  }

  void bytes(byte[] b) throws IOException {
    for (byte x : b) {
      room(1);
      buffer[fill++] = x;
    }
    written += b.length;
  }

  void uint8(int v) throws IOException {
    room(1);
    buffer[fill++] = (byte) v;
    written += 1;
  }

  void int32(int v) throws IOException {
    room(4);
    put(v, 4);
    written += 4;
  }

  void int64(long v) throws IOException {
    room(8);
    put(v, 8);
    written += 8;
  }

  /** Ids narrowed to {@code dtype}; the caller has checked that each fits. */
  void ids(int[] ids, int from, int count, TokenDtype dtype) throws IOException {
    int width = dtype.bytes();
    written += (long) count * width;
    while (count > 0) {
      room(width);
      int n = Math.min(count, (buffer.length - fill) / width);
      if (width == 2) {
        for (int i = from; i < from + n; i++) {
          buffer[fill++] = (byte) ids[i];
          buffer[fill++] = (byte) (ids[i] >>> 8);
        }
      } else {
        for (int i = from; i < from + n; i++) {
          put(ids[i], 4);
        }
      }
      from += n;
      count -= n;
    }
  }

  long written() {
    return written;
  }

  private void put(long v, int width) {
    for (int b = 0; b < width; b++) {
      buffer[fill++] = (byte) (v >>> (8 * b));
    }
  }

  private void room(int n) throws IOException {
    if (fill + n > buffer.length) {
      out.write(buffer, 0, fill);
      fill = 0;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.write(buffer, 0, fill);
      fill = 0;
    } finally {
      out.close();
    }
  }
}
