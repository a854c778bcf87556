package dev.pretrain.trainer.checkpoint;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.trainer.model.ElementView;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checkpoints' array files: a flat array as raw little-endian float32 (what numpy's
 * {@code fromfile(dtype='<f4')} reads) on any Hadoop file system, with the SHA-256 of its bytes, which the
 * checkpoint's state file records and every read checks. Each file is synced to storage before it is closed
 * where the file system can, so the rename that publishes a checkpoint never publishes unwritten bytes.
 */
public final class FloatArrays {
  private FloatArrays() {}

  private static final int CHUNK = 1 << 16;

  /** A flat array element by element: a {@code float[]} on the driver or a model's INDArray. */
  public interface Elements {
    int length();

    float get(int i);

    void set(int i, float value);

    static Elements of(float[] values) {
      return new Elements() {
        @Override
        public int length() {
          return values.length;
        }

        @Override
        public float get(int i) {
          return values[i];
        }

        @Override
        public void set(int i, float value) {
          values[i] = value;
        }
      };
    }

    /** A flat INDArray of any float type; values are stored as float32. */
    static Elements of(INDArray array) {
      ElementView view = ElementView.of(array);
      return new Elements() {
        @Override
        public int length() {
          return view.length();
        }

        @Override
        public float get(int i) {
          return (float) view.get(i);
        }

        @Override
        public void set(int i, float value) {
          view.set(i, value);
        }
      };
    }
  }

  /** Writes {@code values} to {@code file} (replacing it) and returns its record: SHA-256 and float count. */
  public static CheckpointState.ArrayFile write(FileSystem fs, Path file, Elements values) throws IOException {
    MessageDigest digest = Sha256.digest();
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    int n = values.length();
    try (FSDataOutputStream out = fs.create(file, true)) {
      for (int from = 0; from < n; from += CHUNK) {
        buffer.clear();
        for (int i = from; i < Math.min(n, from + CHUNK); i++) {
          buffer.putFloat(values.get(i));
        }
        digest.update(buffer.array(), 0, buffer.position());
        out.write(buffer.array(), 0, buffer.position());
      }
      sync(out);
    }
    return new CheckpointState.ArrayFile(HexFormat.of().formatHex(digest.digest()), n);
  }

  /**
   * Reads {@code file}, recorded as {@code recorded}, into {@code into}, checking its length against the
   * model's and its SHA-256 against the record.
   *
   * @throws IllegalArgumentException naming the file if it is of another shape or corrupted
   */
  public static void read(FileSystem fs, Path file, CheckpointState.ArrayFile recorded, Elements into)
      throws IOException {
    int n = into.length();
    if (recorded.floats() != n) {
      throw new IllegalArgumentException(file + " holds " + recorded.floats() + " floats but the model needs " + n
          + ": the checkpoint is of another model shape");
    }
    long size = fs.getFileStatus(file).getLen();
    if (size != (long) n * Float.BYTES) {
      throw new IllegalArgumentException(file + " holds " + size / Float.BYTES + " floats, expected " + n);
    }
    MessageDigest digest = Sha256.digest();
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try (DataInputStream in = new DataInputStream(fs.open(file))) {
      for (int from = 0; from < n; from += CHUNK) {
        int count = Math.min(CHUNK, n - from);
        try {
          in.readFully(bytes, 0, count * Float.BYTES);
        } catch (EOFException e) {
          throw new IllegalArgumentException(file + " ended early", e);
        }
        digest.update(bytes, 0, count * Float.BYTES);
        view.clear();
        for (int i = 0; i < count; i++) {
          into.set(from + i, view.getFloat());
        }
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(recorded.sha256())) {
      throw new IllegalArgumentException("checkpoint file " + file + " is corrupted: its SHA-256 is " + actual
          + " but the checkpoint records " + recorded.sha256());
    }
  }

  /**
   * Forces what was written to storage where the file system can (local disk, HDFS); an object store's file
   * exists whole once closed, and S3A refuses {@code hsync} unless told to downgrade it.
   */
  static void sync(FSDataOutputStream out) throws IOException {
    if (out.hasCapability(StreamCapabilities.HSYNC)) {
      out.hsync();
    }
  }

  /** A copy of a flat INDArray's values. */
  public static float[] toArray(INDArray flat) {
    Elements from = Elements.of(flat);
    float[] out = new float[from.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = from.get(i);
    }
    return out;
  }

  /** Copies {@code from} into the flat array {@code into} of the same length. */
  public static void copy(float[] from, INDArray into) {
    Elements to = Elements.of(into);
    if (to.length() != from.length) {
      throw new IllegalArgumentException("cannot copy " + from.length + " values into an array of " + to.length());
    }
    for (int i = 0; i < from.length; i++) {
      to.set(i, from[i]);
    }
  }
}
