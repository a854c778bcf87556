package dev.pretrain.trainer.data;

import dev.pretrain.common.shards.ShardSchema;
import dev.pretrain.common.shards.TokenCodec;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads one shard's rows in order, only the {@code tokens} column, through Hadoop's FileSystem (local
 * paths, {@code file:} and {@code s3a://} alike). Each row is checked: {@code seqLen + 1} ids, all
 * below the tokenizer's vocabulary.
 */
final class ShardRowReader implements Closeable {

  private static final String TOKENS_ONLY = "message shard { required binary " + ShardSchema.TOKENS + "; }";

  private final String location;
  private final int seqLen;
  private final int vocabSize;
  private final ParquetReader<Group> reader;
  private final int[] decoded;
  private long row;

  ShardRowReader(String location, Configuration hadoop, int seqLen, int vocabSize) {
    this.location = location;
    this.seqLen = seqLen;
    this.vocabSize = vocabSize;
    this.decoded = new int[seqLen + 1];
    Configuration conf = new Configuration(hadoop);
    conf.set(ReadSupport.PARQUET_READ_SCHEMA, TOKENS_ONLY);
    try {
      this.reader = ParquetReader.builder(new GroupReadSupport(), new Path(location)).withConf(conf).build();
    } catch (IOException | RuntimeException e) {
      throw new ShardReadException("cannot open shard " + location + ": " + e.getMessage(), e);
    }
  }

  /** Skips {@code rows} rows (a resumed cursor starts inside a shard). */
  void skip(long rows) {
    for (long i = 0; i < rows; i++) {
      if (!next()) {
        throw new ShardReadException("shard " + location + " ends at row " + row + ", before row " + rows
            + " where the cursor points");
      }
    }
  }

  /** Reads the next row into {@link #decoded}; false at the end of the shard. */
  boolean next() {
    Group group;
    try {
      group = reader.read();
    } catch (IOException | RuntimeException e) {
      throw new ShardReadException("cannot read row " + row + " of shard " + location + ": " + e.getMessage(), e);
    }
    if (group == null) {
      return false;
    }
    byte[] bytes = group.getBinary(ShardSchema.TOKENS, 0).getBytes();
    if (bytes.length != (seqLen + 1) * Integer.BYTES) {
      throw new ShardReadException("row " + row + " of shard " + location + " holds " + bytes.length / 4
          + " ids, the manifest's seq_len + 1 is " + (seqLen + 1));
    }
    TokenCodec.decodeInto(bytes, decoded, 0);
    for (int id : decoded) {
      if (id < 0 || id >= vocabSize) {
        throw new ShardReadException("row " + row + " of shard " + location + " holds id " + id
            + " outside the tokenizer's vocabulary [0, " + vocabSize + ")");
      }
    }
    row++;
    return true;
  }

  /** The ids of the row last read by {@link #next()}: seqLen + 1 of them, reused per row. */
  int[] row() {
    return decoded;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close shard " + location, e);
    }
  }
}
