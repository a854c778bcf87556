package dev.pretrain.trainer.checkpoint;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.trainer.model.ElementView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flat arrays as raw little-endian float32 files (what numpy's {@code fromfile(dtype='<f4')} reads),
 * with their SHA-256. Written through the file channel and forced to disk before the caller renames.
 */
final class Float32Files {
  private Float32Files() {}

  private static final int CHUNK_FLOATS = 1 << 16;

  /** Writes {@code array} (flat, any float type) to {@code file} and returns the SHA-256 of the bytes. */
  static String write(INDArray array, Path file) throws IOException {
    ElementView view = ElementView.of(array);
    MessageDigest digest = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      int n = view.length();
      for (int from = 0; from < n; from += CHUNK_FLOATS) {
        buffer.clear();
        for (int i = from; i < Math.min(n, from + CHUNK_FLOATS); i++) {
          buffer.putFloat((float) view.get(i));
        }
        buffer.flip();
        digest.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
      out.force(true);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of a file's bytes. */
  static String sha256Of(Path file) throws IOException {
    MessageDigest digest = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads {@code file} into {@code array}, which must hold exactly as many elements as the file floats. */
  static void read(Path file, INDArray array) throws IOException {
    ElementView view = ElementView.of(array);
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      if (in.size() != (long) view.length() * Float.BYTES) {
        throw new IllegalArgumentException(file + " holds " + in.size() / Float.BYTES + " floats, expected "
            + view.length());
      }
      int i = 0;
      while (i < view.length()) {
        buffer.clear();
        while (buffer.hasRemaining() && in.read(buffer) >= 0) {
          // Fills the chunk; the loop ends at the end of the file.
        }
        buffer.flip();
        while (buffer.remaining() >= Float.BYTES) {
          view.set(i++, buffer.getFloat());
        }
      }
    }
  }

  private static MessageDigest sha256() {
    return Sha256.digest();
  }
}
