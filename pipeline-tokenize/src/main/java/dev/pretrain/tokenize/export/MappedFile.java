package dev.pretrain.tokenize.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local temporary file of fixed size mapped into memory in 1 GiB segments, read and written as
 * little-endian ints and longs at byte offsets (aligned to their size, so none straddles a segment).
 * The operating system pages it in and out: the heap does not grow with it. Deleted on close.
 */
final class MappedFile implements Closeable {
  private static final int SEGMENT_BITS = 30;
  private static final long SEGMENT_MASK = (1L << SEGMENT_BITS) - 1;

  private final Path path;
  private final MappedByteBuffer[] segments;
  private final IntBuffer[] intViews;

  MappedFile(Path dir, String prefix, long bytes) throws IOException {
    this.path = Files.createTempFile(dir, prefix, ".tmp");
    int count = (int) ((bytes + SEGMENT_MASK) >>> SEGMENT_BITS);
    this.segments = new MappedByteBuffer[count];
    this.intViews = new IntBuffer[count];
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        FileChannel channel = file.getChannel()) {
      file.setLength(bytes); // sparse: blocks are allocated as they are written
      for (int s = 0; s < count; s++) {
        long from = (long) s << SEGMENT_BITS;
        segments[s] = channel.map(FileChannel.MapMode.READ_WRITE, from, Math.min(bytes - from, 1L << SEGMENT_BITS));
        segments[s].order(ByteOrder.LITTLE_ENDIAN);
        intViews[s] = segments[s].asIntBuffer();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(path);
      throw e;
    }
  }

  int getInt(long offset) {
    return segments[(int) (offset >>> SEGMENT_BITS)].getInt((int) (offset & SEGMENT_MASK));
  }

  /** Writes {@code count} ints from {@code src[from]} at byte offset {@code offset} (a multiple of 4). */
  void putInts(long offset, int[] src, int from, int count) {
    while (count > 0) {
      int segment = (int) (offset >>> SEGMENT_BITS);
      int at = (int) (offset & SEGMENT_MASK) / Integer.BYTES;
      int n = Math.min(count, intViews[segment].limit() - at);
      intViews[segment].put(at, src, from, n);
      offset += (long) n * Integer.BYTES;
      from += n;
      count -= n;
    }
  }

  /** Reads {@code count} ints at byte offset {@code offset} (a multiple of 4) into {@code dst[from]}. */
  void getInts(long offset, int[] dst, int from, int count) {
    while (count > 0) {
      int segment = (int) (offset >>> SEGMENT_BITS);
      int at = (int) (offset & SEGMENT_MASK) / Integer.BYTES;
      int n = Math.min(count, intViews[segment].limit() - at);
      intViews[segment].get(at, dst, from, n);
      offset += (long) n * Integer.BYTES;
      from += n;
      count -= n;
    }
  }

  long getLong(long offset) {
    return segments[(int) (offset >>> SEGMENT_BITS)].getLong((int) (offset & SEGMENT_MASK));
  }

  void putLong(long offset, long value) {
    segments[(int) (offset >>> SEGMENT_BITS)].putLong((int) (offset & SEGMENT_MASK), value);
  }

  @Override
  public void close() throws IOException {
    // The mappings go with the garbage collector; on Linux and macOS the deleted file's blocks are freed then.
    Files.deleteIfExists(path);
  }
}
