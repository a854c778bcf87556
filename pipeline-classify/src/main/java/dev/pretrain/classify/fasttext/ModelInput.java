package dev.pretrain.classify.fasttext;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Little-endian reads from a model file of known length, as fastText writes its values (raw x86
 * memory: int32, int64, double, float, one-byte bools). Every read first checks that the file has
 * the bytes left, so a size read from a damaged file fails with the file's name and what was being
 * read instead of allocating gigabytes or reading past the end.
 */
final class ModelInput {
  private static final int CHUNK = 1 << 16;

  private final InputStream in;
  private final long length;
  private final String name;
  private final byte[] chunk = new byte[CHUNK];
  private final ByteBuffer small = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
  private long position;

  ModelInput(InputStream in, long length, String name) {
    this.in = in;
    this.length = length;
    this.name = name;
  }

  long position() {
    return position;
  }

  long remaining() {
    return length - position;
  }

  String name() {
    return name;
  }

  FastTextFormatException problem(String problem) {
    return new FastTextFormatException(name, problem);
  }

  /** Fails unless {@code bytes} more bytes are left for {@code what}. */
  void need(long bytes, String what) throws FastTextFormatException {
    if (bytes < 0 || bytes > remaining()) {
      throw problem(what + " needs " + bytes + " bytes at byte " + position + " but the file has " + remaining()
          + " left (" + length + " bytes in all): a truncated or damaged file");
    }
  }

  int int32(String what) throws IOException {
    fill(4, what);
    return small.getInt(0);
  }

  long int64(String what) throws IOException {
    fill(8, what);
    return small.getLong(0);
  }

  double float64(String what) throws IOException {
    fill(8, what);
    return small.getDouble(0);
  }

  int int8(String what) throws IOException {
    fill(1, what);
    return small.get(0);
  }

  boolean bool(String what) throws IOException {
    int b = int8(what);
    if (b != 0 && b != 1) {
      throw problem(what + " at byte " + (position - 1) + " is " + b + ", not a bool (0 or 1): a damaged file");
    }
    return b == 1;
  }

  /** The bytes up to the next NUL, which is consumed; at most {@code max} of them. */
  byte[] untilNul(int max, String what) throws IOException {
    byte[] out = new byte[32];
    int n = 0;
    while (true) {
      need(1, what);
      int b = in.read();
      if (b < 0) {
        throw new EOFException(name + ": ends at byte " + position + " inside " + what);
      }
      position++;
      if (b == 0) {
        return Arrays.copyOf(out, n);
      }
      if (n == max) {
        throw problem(what + " at byte " + (position - n - 1) + " is longer than " + max + " bytes: a damaged file");
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = (byte) b;
    }
  }

  byte[] bytes(long count, String what) throws IOException {
    need(count, what);
    checkArraySize(count, what);
    byte[] out = new byte[(int) count];
    readFully(out, 0, out.length, what);
    return out;
  }

  float[] floats(long count, String what) throws IOException {
    need(count * 4, what);
    checkArraySize(count, what);
    float[] out = new float[(int) count];
    ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int done = 0;
    while (done < out.length) {
      int n = Math.min(CHUNK / 4, out.length - done);
      readFully(chunk, 0, n * 4, what);
      view.clear();
      view.asFloatBuffer().get(out, done, n);
      done += n;
    }
    return out;
  }

  void skip(long count, String what) throws IOException {
    need(count, what);
    long left = count;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException(name + ": ends at byte " + (position + count - left) + " inside " + what);
        }
        skipped = 1;
      }
      left -= skipped;
    }
    position += count;
  }

  /** Fails unless the file ends here, and the stream agrees that it does. */
  void expectEnd(String after) throws IOException {
    if (remaining() != 0) {
      throw problem(remaining() + " bytes follow " + after + ", where a fastText model ends: a damaged file,"
          + " or not a fastText model");
    }
    if (in.read() >= 0) {
      throw problem("the file is longer than its stated " + length + " bytes");
    }
  }

  private void checkArraySize(long count, String what) throws FastTextFormatException {
    if (count > Integer.MAX_VALUE - 8) {
      throw problem(what + " has " + count + " values, more than a Java array holds (2^31 - 9)");
    }
  }

  private void fill(int n, String what) throws IOException {
    need(n, what);
    readFully(small.array(), 0, n, what);
  }

  private void readFully(byte[] into, int off, int n, String what) throws IOException {
    int done = 0;
    while (done < n) {
      int r = in.read(into, off + done, n - done);
      if (r < 0) {
        throw new EOFException(name + ": ends at byte " + (position + done) + " inside " + what
            + ", before its stated length of " + length + " bytes");
      }
      done += r;
    }
    position += n;
  }
}
