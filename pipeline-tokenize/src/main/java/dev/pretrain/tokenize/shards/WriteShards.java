package dev.pretrain.tokenize.shards;

import dev.pretrain.common.io.HadoopConf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * Executor side of shard writing: a partition of (seq_idx, row) pairs sorted by seq_idx, holding
 * whole shards, becomes files {@code <split>/shard-NNNNN.parquet} under the staging directory; each
 * file's SHA-256 is taken after it is closed.
 */
final class WriteShards implements FlatMapFunction<Iterator<Tuple2<Long, PackedRowValue>>, ShardInfo> {
  private static final long serialVersionUID = 1L;

  private final String stagingDir;
  private final String split;
  private final long rowsPerShard;
  private final int rowsPerRowGroup;
  private final HadoopConf hadoop;

  WriteShards(String stagingDir, String split, long rowsPerShard, int rowsPerRowGroup, HadoopConf hadoop) {
    this.stagingDir = stagingDir;
    this.split = split;
    this.rowsPerShard = rowsPerShard;
    this.rowsPerRowGroup = rowsPerRowGroup;
    this.hadoop = hadoop;
  }

  static String shardPath(String split, long shard) {
    return String.format("%s/shard-%05d.parquet", split, shard);
  }

  @Override
  public Iterator<ShardInfo> call(Iterator<Tuple2<Long, PackedRowValue>> rows) throws IOException {
    List<ShardInfo> written = new ArrayList<>();
    ShardWriter writer = null;
    long shard = -1;
    long first = 0;
    long next = 0;
    while (rows.hasNext()) {
      Tuple2<Long, PackedRowValue> r = rows.next();
      long seqIdx = r._1();
      if (seqIdx / rowsPerShard != shard) {
        if (writer != null) {
          written.add(finish(writer, shard, first, next - first));
        }
        shard = seqIdx / rowsPerShard;
        first = seqIdx;
        next = seqIdx;
        if (first != shard * rowsPerShard) {
          throw new IllegalStateException("shard " + shard + " of " + split + " starts at seq_idx " + first);
        }
        writer = new ShardWriter(stagingDir + "/" + shardPath(split, shard), rowsPerRowGroup, hadoop.get());
      }
      if (seqIdx != next) {
        throw new IllegalStateException("seq_idx " + next + " of " + split + " is missing (got " + seqIdx + ")");
      }
      writer.write(r._2().tokens(), r._2().docStarts(), seqIdx);
      next++;
    }
    if (writer != null) {
      written.add(finish(writer, shard, first, next - first));
    }
    return written.iterator();
  }

  private ShardInfo finish(ShardWriter writer, long shard, long first, long count) throws IOException {
    writer.close();
    String path = shardPath(split, shard);
    return new ShardInfo(path, count, first, ShardWriter.sha256(stagingDir + "/" + path, hadoop.get()));
  }
}
