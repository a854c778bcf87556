package dev.pretrain.classify.fasttext;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model in fastText's file format, version 12, as {@code FastText::saveModel} does (the
 * layout is in {@link FastTextReader}): fastText 0.9.2 loads what this writes, and a model read by
 * {@link FastTextReader} writes back the same bytes. A dense input makes a {@code .bin} file, a
 * quantized one a {@code .ftz} file.
 */
public final class FastTextWriter {
  private FastTextWriter() {}

  /** Writes the model to a local file (replacing it). */
  public static void write(FastTextModel model, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(model, out);
    }
  }

  /** Writes the model to the stream, which is flushed, not closed. */
  public static void write(FastTextModel model, OutputStream stream) throws IOException {
    Out out = new Out(new BufferedOutputStream(stream, 1 << 16));
    out.int32(FastTextReader.MAGIC);
    out.int32(FastTextReader.VERSION);
    FastTextArgs a = model.args();
    for (int v : new int[] {a.dim(), a.ws(), a.epoch(), a.minCount(), a.neg(), a.wordNgrams(), a.loss().code(),
        a.model().code(), a.bucket(), a.minn(), a.maxn(), a.lrUpdateRate()}) {
      out.int32(v);
    }
    out.float64(a.t());

    FastTextDictionary dictionary = model.dictionary();
    out.int32(dictionary.size());
    out.int32(dictionary.wordCount());
    out.int32(dictionary.labelCount());
    out.int64(dictionary.tokenCount());
    out.int64(dictionary.pruneIndex().map(p -> (long) p.size()).orElse(-1L));
    for (FastTextDictionary.Entry e : dictionary.entries()) {
      out.bytes(e.word());
      out.int8(0);
      out.int64(e.count());
      out.int8(e.type().code());
    }
    if (dictionary.pruneIndex().isPresent()) {
      PruneIndex prune = dictionary.pruneIndex().get();
      for (int i = 0; i < prune.size(); i++) {
        out.int32(prune.buckets()[i]);
        out.int32(prune.rows()[i]);
      }
    }

    out.int8(model.isQuantized() ? 1 : 0);
    matrix(model.input(), out);
    out.int8(model.output() instanceof QuantizedMatrix ? 1 : 0);
    matrix(model.output(), out);
    out.flush();
  }

  private static void matrix(FastTextMatrix matrix, Out out) throws IOException {
    if (matrix instanceof DenseMatrix dense) {
      out.int64(dense.rows());
      out.int64(dense.cols());
      out.floats(dense.data());
    } else if (matrix instanceof QuantizedMatrix q) {
      out.int8(q.quantizesNorms() ? 1 : 0);
      out.int64(q.rows());
      out.int64(q.cols());
      out.int32(q.codes().length);
      out.bytes(q.codes());
      quantizer(q.quantizer(), out);
      if (q.quantizesNorms()) {
        out.bytes(q.normCodes());
        quantizer(q.normQuantizer(), out);
      }
    }
  }

  private static void quantizer(ProductQuantizer pq, Out out) throws IOException {
    out.int32(pq.dim());
    out.int32(pq.subquantizers());
    out.int32(pq.subvectorSize());
    out.int32(pq.lastSubvectorSize());
    out.floats(pq.centroids());
  }

  /** Little-endian values, as fastText writes its memory on x86. */
  private static final class Out {
    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    Out(OutputStream out) {
      this.out = out;
    }

    void int8(int v) throws IOException {
      room(1).put((byte) v);
    }

    void int32(int v) throws IOException {
      room(4).putInt(v);
    }

    void int64(long v) throws IOException {
      room(8).putLong(v);
    }

    void float64(double v) throws IOException {
      room(8).putDouble(v);
    }

    void bytes(byte[] b) throws IOException {
      drain();
      out.write(b);
    }

    void floats(float[] values) throws IOException {
      for (float v : values) {
        room(4).putFloat(v);
      }
    }

    void flush() throws IOException {
      drain();
      out.flush();
    }

    private ByteBuffer room(int n) throws IOException {
      if (buffer.remaining() < n) {
        drain();
      }
      return buffer;
    }

    private void drain() throws IOException {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
  }
}
