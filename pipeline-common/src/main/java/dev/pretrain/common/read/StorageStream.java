package dev.pretrain.common.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Seekable;

/**
 * The bytes of a file as storage delivers them, remembering whether storage itself ever failed.
 * That is how a reader tells a network or disk error (the task should fail and be retried) from
 * a stream whose bytes all arrived but do not decode: a truncated or corrupt file, which no
 * retry can fix. Decoders (gzip, zstd, bz2, WARC, Parquet's footer reader) sit on top and never
 * see this distinction.
 */
final class StorageStream extends FilterInputStream {
  private boolean failed;

  StorageStream(InputStream storage) {
    super(storage);
  }

  /** Whether a call to storage threw. */
  boolean failed() {
    return failed;
  }

  /** Moves a seekable storage stream (Hadoop's {@code FSDataInputStream}), watched like reads. */
  void seek(long position) throws IOException {
    watched(() -> {
      ((Seekable) in).seek(position);
      return null;
    });
  }

  long position() throws IOException {
    return watched(() -> ((Seekable) in).getPos());
  }

  @Override
  public int read() throws IOException {
    return watched(in::read);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return watched(() -> in.read(b, off, len));
  }

  @Override
  public long skip(long n) throws IOException {
    return watched(() -> in.skip(n));
  }

  @Override
  public int available() throws IOException {
    return watched(in::available);
  }

  private interface StorageCall<T> {
    T call() throws IOException;
  }

  private <T> T watched(StorageCall<T> call) throws IOException {
    try {
      return call.call();
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }
}
