package dev.pretrain.common.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Seekable;

/**
 * The bytes of a file as storage delivers them, remembering whether storage itself ever failed.
 * That is how a reader tells a network or disk error (the task should fail and be retried) from
 * a stream whose bytes all arrived but do not decode: a truncated or corrupt file, which no
 * retry can fix. Decoders (gzip, zstd, bz2, WARC) sit on top and never see this distinction.
 */
final class StorageStream extends FilterInputStream {
  private boolean failed;

  StorageStream(InputStream storage) {
    super(storage);
  }

  /** Whether a read from storage threw. */
  boolean failed() {
    return failed;
  }

  /** Moves a seekable storage stream (Hadoop's {@code FSDataInputStream}), watched like reads. */
  void seek(long position) throws IOException {
    try {
      ((Seekable) in).seek(position);
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  long position() throws IOException {
    return ((Seekable) in).getPos();
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }
}
