package dev.pretrain.trainer.distributed;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.trainer.model.ElementView;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flat float arrays as raw little-endian float32 files (the trainer's checkpoint format) on any Hadoop
 * file system (local, HDFS, S3A), with the SHA-256 of the bytes; and copies between {@code float[]} and
 * a model's flat INDArrays.
 */
final class FloatFiles {
  private FloatFiles() {}

  private static final int CHUNK = 1 << 16;

  /** Writes {@code values} to {@code file} (replacing it) and returns the SHA-256 of the bytes. */
  static String write(FileSystem fs, Path file, float[] values) throws IOException {
    MessageDigest digest = Sha256.digest();
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = fs.create(file, true)) {
      for (int from = 0; from < values.length; from += CHUNK) {
        buffer.clear();
        int to = Math.min(values.length, from + CHUNK);
        for (int i = from; i < to; i++) {
          buffer.putFloat(values[i]);
        }
        digest.update(buffer.array(), 0, buffer.position());
        out.write(buffer.array(), 0, buffer.position());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads {@code into.length} floats from {@code file}, checking its size and its SHA-256. */
  static void read(FileSystem fs, Path file, String expectedSha256, float[] into) throws IOException {
    long size = fs.getFileStatus(file).getLen();
    if (size != (long) into.length * Float.BYTES) {
      throw new IllegalArgumentException(file + " holds " + size / Float.BYTES + " floats, expected " + into.length
          + ": a checkpoint of another model shape?");
    }
    MessageDigest digest = Sha256.digest();
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try (InputStream raw = fs.open(file); DataInputStream in = new DataInputStream(raw)) {
      for (int from = 0; from < into.length; from += CHUNK) {
        int n = Math.min(CHUNK, into.length - from);
        try {
          in.readFully(bytes, 0, n * Float.BYTES);
        } catch (EOFException e) {
          throw new IllegalArgumentException(file + " ended early", e);
        }
        digest.update(bytes, 0, n * Float.BYTES);
        view.clear();
        for (int i = 0; i < n; i++) {
          into[from + i] = view.getFloat();
        }
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(expectedSha256)) {
      throw new IllegalArgumentException("checkpoint file " + file + " is corrupted: its SHA-256 is " + actual
          + " but the checkpoint records " + expectedSha256);
    }
  }

  static float[] toArray(INDArray flat) {
    ElementView view = ElementView.of(flat);
    float[] out = new float[view.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) view.get(i);
    }
    return out;
  }

  static void copy(float[] from, INDArray into) {
    ElementView view = ElementView.of(into);
    if (view.length() != from.length) {
      throw new IllegalArgumentException("cannot copy " + from.length + " values into an array of " + view.length());
    }
    for (int i = 0; i < from.length; i++) {
      view.set(i, from[i]);
    }
  }
}
