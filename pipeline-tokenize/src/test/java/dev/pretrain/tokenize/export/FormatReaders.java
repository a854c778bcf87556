package dev.pretrain.tokenize.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Readers of the three export formats written from the formats' own descriptions, not from the
 * writers: Megatron-LM's {@code _IndexReader} and {@code IndexedDataset.__getitem__}
 * ({@code megatron/core/datasets/indexed_dataset.py}), nanoGPT's {@code np.memmap(train.bin, dtype=np.uint16)},
 * llm.c's {@code write_datafile} layout ({@code dev/data/data_common.py}) as its C loader checks it.
 * Every structural field is checked on the way.
 */
final class FormatReaders {
  private FormatReaders() {}

  /** One Megatron pair: its dtype code and its sequences. */
  record Megatron(int dtypeCode, List<int[]> sequences, long binBytes) {}

  static Megatron megatron(Path prefix) throws IOException {
    ByteBuffer idx = ByteBuffer.wrap(Files.readAllBytes(Path.of(prefix + ".idx"))).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[9];
    idx.get(magic);
    assertArrayEquals("MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII), magic, "header");
    assertEquals(1L, idx.getLong(), "version <Q> 1");
    int code = idx.get() & 0xFF;
    int itemSize = switch (code) {
      case 8 -> 2; // uint16
      case 4 -> 4; // int32
      default -> throw new AssertionError("dtype code " + code + " is neither uint16 (8) nor int32 (4)");
    };
    long sequenceCount = idx.getLong();
    long documentCount = idx.getLong();
    int[] lengths = new int[(int) sequenceCount];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = idx.getInt();
    }
    long[] pointers = new long[(int) sequenceCount];
    for (int i = 0; i < pointers.length; i++) {
      pointers[i] = idx.getLong();
    }
    long[] documentIndices = new long[(int) documentCount];
    for (int i = 0; i < documentIndices.length; i++) {
      documentIndices[i] = idx.getLong();
    }
    assertEquals(0, idx.remaining(), "nothing after the document indices (not multimodal)");
    // One sequence per document: the document index array is 0, 1, ..., N.
    assertEquals(sequenceCount + 1, documentCount, "document_count is len(document_indices) = N + 1");
    for (int i = 0; i < documentIndices.length; i++) {
      assertEquals(i, documentIndices[i], "document_indices[" + i + "]");
    }
    byte[] binBytes = Files.readAllBytes(Path.of(prefix + ".bin"));
    ByteBuffer bin = ByteBuffer.wrap(binBytes).order(ByteOrder.LITTLE_ENDIAN);
    List<int[]> sequences = new ArrayList<>();
    long expectedPointer = 0;
    for (int s = 0; s < sequenceCount; s++) {
      assertEquals(expectedPointer, pointers[s], "pointer of sequence " + s + " is the byte offset after the ones before");
      int[] ids = new int[lengths[s]];
      for (int i = 0; i < ids.length; i++) {
        int at = (int) pointers[s] + i * itemSize;
        ids[i] = itemSize == 2 ? bin.getShort(at) & 0xFFFF : bin.getInt(at);
      }
      sequences.add(ids);
      expectedPointer += (long) lengths[s] * itemSize;
    }
    assertEquals(expectedPointer, binBytes.length, ".bin holds exactly the sequences");
    return new Megatron(code, sequences, binBytes.length);
  }

  /** nanoGPT: the file is nothing but little-endian uint16 ids. */
  static int[] uint16Stream(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(0, bytes.length % 2, "a whole number of uint16");
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int[] ids = new int[bytes.length / 2];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = in.getShort() & 0xFFFF;
    }
    return ids;
  }

  /** llm.c: 256 int32 (magic 20240520, version 1, count), then count uint16 ids and nothing else. */
  static int[] llmcShard(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(20240520, in.getInt(0), "magic");
    assertEquals(1, in.getInt(4), "version 1: uint16 ids");
    int count = in.getInt(8);
    for (int i = 3; i < 256; i++) {
      assertEquals(0, in.getInt(4 * i), "header[" + i + "] is zero");
    }
    assertEquals(256 * 4 + 2L * count, bytes.length, "header + count uint16");
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = in.getShort(1024 + 2 * i) & 0xFFFF;
    }
    return ids;
  }

  /** A stream cut after each end-of-text id; every document must end with one. */
  static List<int[]> documents(int[] stream, int eot) {
    List<int[]> docs = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < stream.length; i++) {
      if (stream[i] == eot) {
        docs.add(Arrays.copyOfRange(stream, from, i + 1));
        from = i + 1;
      }
    }
    assertEquals(stream.length, from, "the stream ends with an end-of-text id");
    return docs;
  }

  static int[] concat(List<int[]> parts) {
    return parts.stream().flatMapToInt(Arrays::stream).toArray();
  }
}
