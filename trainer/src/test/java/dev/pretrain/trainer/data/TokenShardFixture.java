package dev.pretrain.trainer.data;

import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.common.shards.ShardSchema;
import dev.pretrain.common.shards.TokenCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes a tiny token dataset in the tokenize job's contract (Parquet rows of {@link ShardSchema}, as
 * Spark lays out a non-nullable array, zstd as the tokenize job writes them, and a valid manifest.json), without Spark. Row {@code seq_idx}
 * holds ids {@code (seq_idx + j) mod vocab}, so a test can tell rows apart by their first id.
 */
public final class TokenShardFixture {
  private TokenShardFixture() {}

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message spark_schema {"
          + " required binary " + ShardSchema.TOKENS + ";"
          + " required group " + ShardSchema.DOC_STARTS + " (LIST) { repeated group list { required int32 element; } }"
          + " required int64 " + ShardSchema.SEQ_IDX + ";"
          + " }");

  private static final String SOME_SHA = "ab".repeat(32);

  /** Train shards with {@code trainRows[i]} rows each, then val shards; returns the manifest written. */
  public static Manifest write(Path dir, int vocab, int seqLen, int[] trainRows, int[] valRows) {
    return write(dir, new Manifest.Tokenizer("tiktoken:test", SOME_SHA, vocab, Map.of("<|endoftext|>", vocab - 1),
        vocab - 1, null), seqLen, trainRows, valRows);
  }

  /** As {@link #write(Path, int, int, int[], int[])}, recording {@code tokenizer} in the manifest. */
  public static Manifest write(Path dir, Manifest.Tokenizer tokenizer, int seqLen, int[] trainRows, int[] valRows) {
    int vocab = tokenizer.vocabSize();
    try {
      Files.createDirectories(dir);
      long[] next = {0};
      Map<String, Manifest.Split> splits = new LinkedHashMap<>();
      splits.put(ShardDataset.TRAIN, split(dir, "train", trainRows, vocab, seqLen, next));
      if (valRows.length > 0) {
        splits.put(ShardDataset.VAL, split(dir, "val", valRows, vocab, seqLen, next));
      }
      long rows = splits.values().stream().mapToLong(Manifest.Split::rows).sum();
      Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, tokenizer, seqLen, 7, SOME_SHA,
          new Manifest.Totals(rows, rows * seqLen, rows, 0, 0), splits);
      Files.write(dir.resolve(Manifest.FILE_NAME), ManifestFile.toJson(manifest));
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of row {@code seqIdx}: seqLen + 1 of them. */
  public static int[] row(long seqIdx, int vocab, int seqLen) {
    int[] ids = new int[seqLen + 1];
    for (int j = 0; j <= seqLen; j++) {
      ids[j] = (int) ((seqIdx + j) % vocab);
    }
    return ids;
  }

  private static Manifest.Split split(Path dir, String name, int[] shardRows, int vocab, int seqLen, long[] next)
      throws IOException {
    Files.createDirectories(dir.resolve(name));
    List<Manifest.Shard> shards = new ArrayList<>();
    long total = 0;
    for (int s = 0; s < shardRows.length; s++) {
      String relative = name + "/part-" + String.format("%05d", s) + ".parquet";
      Path file = dir.resolve(relative);
      long first = next[0];
      writeShard(file, first, shardRows[s], vocab, seqLen);
      next[0] += shardRows[s];
      total += shardRows[s];
      shards.add(new Manifest.Shard(relative, shardRows[s], first, ManifestFile.sha256(Files.readAllBytes(file))));
    }
    return new Manifest.Split(total, total, shards);
  }

  private static void writeShard(Path file, long firstSeqIdx, int rows, int vocab, int seqLen) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
        .withType(SCHEMA).withConf(new Configuration()).withCompressionCodec(CompressionCodecName.ZSTD).build()) {
      for (int r = 0; r < rows; r++) {
        long seqIdx = firstSeqIdx + r;
        int[] ids = row(seqIdx, vocab, seqLen);
        Group group = groups.newGroup();
        group.append(ShardSchema.TOKENS, Binary.fromConstantByteArray(TokenCodec.encode(ids, 0, ids.length)));
        group.addGroup(ShardSchema.DOC_STARTS).addGroup("list").append("element", 0);
        group.append(ShardSchema.SEQ_IDX, seqIdx);
        writer.write(group);
      }
    }
    // Hadoop's local FS leaves a .crc beside the file; a corrupted test shard must not trip it instead.
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }
}
