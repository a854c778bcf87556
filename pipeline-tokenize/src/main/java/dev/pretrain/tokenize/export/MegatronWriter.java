package dev.pretrain.tokenize.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Megatron-LM's indexed dataset ({@code megatron/core/datasets/indexed_dataset.py}, {@code _IndexWriter}),
 * one sequence per document, as {@code tools/preprocess_data.py} writes it for a text key with
 * {@code --append-eod}. A pair {@code SPLIT_NNNNNN.bin} / {@code .idx}:
 *
 * <pre>
 * .bin  the documents' ids one after another, little-endian dtype (uint16 or int32)
 * .idx  "MMIDIDX\0\0"               9 bytes
 *       version          uint64   1
 *       dtype code       uint8    8 = uint16, 4 = int32
 *       sequence count   uint64   N (one sequence per document)
 *       document count   uint64   N + 1 (the length of the document index array)
 *       sequence lengths int32[N] ids per sequence
 *       sequence pointers int64[N] byte offset of each sequence in the .bin (0, then running sum of length * itemsize)
 *       document indices int64[N+1] 0, 1, ..., N (document i is sequences [i, i+1))
 * </pre>
 *
 * A new pair starts when the next document would take the {@code .bin} past {@code maxFileBytes}; a
 * document is never split, so a single document larger than the limit gets a pair of its own. The
 * sequence lengths wait in a local temporary file until the pair is closed, so memory does not grow
 * with the number of documents.
 */
final class MegatronWriter implements DocumentSink {
  static final byte[] INDEX_HEADER = "MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII);
  static final long INDEX_VERSION = 1;

  private final String split;
  private final OutputFiles files;
  private final TokenDtype dtype;
  private final long maxFileBytes;
  private final Path tempDir;
  private final List<String> names = new ArrayList<>();
  private LittleEndianOut bin;
  private Path lengthsFile;
  private DataOutputStream lengths;
  private long sequences;
  private long documentLength;

  MegatronWriter(String split, OutputFiles files, TokenDtype dtype, long maxFileBytes, Path tempDir) {
    this.split = split;
    this.files = files;
    this.dtype = dtype;
    this.maxFileBytes = maxFileBytes;
    this.tempDir = tempDir;
  }

  static String prefix(String split, int index) {
    return String.format(Locale.ROOT, "%s_%06d", split, index);
  }

  @Override
  public void start(long documents, long tokens) {}

  @Override
  public void beginDocument(long length) throws IOException {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a document of " + length + " ids is longer than Megatron's int32 sequence"
          + " length can say");
    }
    if (bin != null && bin.written() > 0 && bin.written() + length * dtype.bytes() > maxFileBytes) {
      closePair();
    }
    if (bin == null) {
      openPair();
    }
    documentLength = length;
  }

  @Override
  public void tokens(int[] ids, int from, int count) throws IOException {
    bin.ids(ids, from, count, dtype);
  }

  @Override
  public void endDocument() throws IOException {
    lengths.writeInt((int) documentLength);
    sequences++;
  }

  @Override
  public List<String> finish() throws IOException {
    closePair();
    return List.copyOf(names);
  }

  private void openPair() throws IOException {
    String prefix = prefix(split, names.size() / 2);
    names.add(prefix + ".bin");
    names.add(prefix + ".idx");
    bin = new LittleEndianOut(files.create(prefix + ".bin"));
    lengthsFile = Files.createTempFile(tempDir, "export-tokens-lengths-", ".tmp");
    lengths = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(lengthsFile), 1 << 16));
    sequences = 0;
  }

  private void closePair() throws IOException {
    if (bin == null) {
      return;
    }
    bin.close();
    bin = null;
    lengths.close();
    String idxName = names.get(names.size() - 1);
    try (LittleEndianOut idx = new LittleEndianOut(files.create(idxName))) {
      idx.bytes(INDEX_HEADER);
      idx.int64(INDEX_VERSION);
      idx.uint8(dtype.megatronCode());
      idx.int64(sequences);
      idx.int64(sequences + 1);
      try (DataInputStream in = lengthsIn()) {
        for (long i = 0; i < sequences; i++) {
          idx.int32(in.readInt());
        }
      }
      long pointer = 0;
      try (DataInputStream in = lengthsIn()) {
        for (long i = 0; i < sequences; i++) {
          idx.int64(pointer);
          pointer += (long) in.readInt() * dtype.bytes();
        }
      }
      for (long i = 0; i <= sequences; i++) {
        idx.int64(i);
      }
    } finally {
      Files.deleteIfExists(lengthsFile);
    }
  }

  private DataInputStream lengthsIn() throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(lengthsFile), 1 << 16));
  }

  /** Removes the temporary lengths file of a pair left open by a failure. */
  @Override
  public void abort() {
    try {
      if (lengths != null) {
        lengths.close();
      }
      if (lengthsFile != null) {
        Files.deleteIfExists(lengthsFile);
      }
    } catch (IOException ignored) {
      // a temporary file; the OS's temp cleaning takes it
    }
  }
}
