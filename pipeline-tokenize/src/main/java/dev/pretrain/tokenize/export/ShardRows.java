package dev.pretrain.tokenize.export;

import dev.pretrain.common.shards.ShardSchema;
import dev.pretrain.common.shards.TokenCodec;
import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * One shard's rows in order, through Hadoop's FileSystem (local, {@code s3a://}, {@code gs://}): a
 * row's ids, its document starts and its {@code seq_idx}, in buffers reused from row to row.
 */
final class ShardRows implements Closeable {
  private final ParquetReader<Group> reader;
  private final int rowLength;
  private final int[] ids;
  private int[] starts = new int[16];
  private int startCount;
  private long seqIdx;
  private byte[] lastBytes;

  ShardRows(String location, Configuration hadoop, int rowLength) throws IOException {
    this.reader = ParquetReader.builder(new GroupReadSupport(), new Path(location)).withConf(hadoop).build();
    this.rowLength = rowLength;
    this.ids = new int[rowLength];
  }

  /** Reads the next row; false at the end of the shard. */
  boolean next() throws IOException {
    Group row = reader.read();
    if (row == null) {
      return false;
    }
    lastBytes = row.getBinary(ShardSchema.TOKENS, 0).getBytes();
    if (lastBytes.length == rowLength * Integer.BYTES) {
      TokenCodec.decodeInto(lastBytes, ids, 0);
    }
    seqIdx = row.getLong(ShardSchema.SEQ_IDX, 0);
    Group list = row.getGroup(ShardSchema.DOC_STARTS, 0);
    startCount = list.getFieldRepetitionCount("list");
    if (startCount > starts.length) {
      starts = new int[Math.max(startCount, starts.length * 2)];
    }
    for (int i = 0; i < startCount; i++) {
      starts[i] = list.getGroup("list", i).getInteger("element", 0);
    }
    return true;
  }

  /** Ids in the row's tokens column, or -1 if it is not a multiple of four bytes. */
  int idCount() {
    return lastBytes.length % Integer.BYTES == 0 ? lastBytes.length / Integer.BYTES : -1;
  }

  /** The row's ids, valid when {@link #idCount()} is the row length. */
  int[] ids() {
    return ids;
  }

  int[] starts() {
    return starts;
  }

  int startCount() {
    return startCount;
  }

  long seqIdx() {
    return seqIdx;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
