package dev.pretrain.tokenize.shards;

import dev.pretrain.common.io.HadoopConf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * Executor side of shard writing: a partition of packed rows keyed by {@link RowKey}, sorted,
 * holding whole shards, becomes files {@code <split>/shard-NNNNN.parquet} under the staging
 * directory; each file's SHA-256 is taken after it is closed. A shard that does not start at its
 * first {@code seq_idx} or skips one fails the task. Rows are written with {@code seq_idx} plus
 * their split's offset, which is non-zero when the shards extend an existing dataset (a corpus
 * refresh); file names keep counting from this dataset's first shard.
 */
final class WriteShards implements FlatMapFunction<Iterator<Tuple2<Long, Tuple2<byte[], int[]>>>, ShardInfo> {
  private static final long serialVersionUID = 1L;

  private final String stagingDir;
  private final long rowsPerShard;
  private final int rowsPerRowGroup;
  private final HadoopConf hadoop;
  private final long[] seqIdxOffsets;

  WriteShards(String stagingDir, long rowsPerShard, int rowsPerRowGroup, HadoopConf hadoop, long[] seqIdxOffsets) {
    this.stagingDir = stagingDir;
    this.seqIdxOffsets = seqIdxOffsets.clone();
    this.rowsPerShard = rowsPerShard;
    this.rowsPerRowGroup = rowsPerRowGroup;
    this.hadoop = hadoop;
  }

  static String shardPath(String split, long shard) {
    return String.format("%s/shard-%05d.parquet", split, shard);
  }

  @Override
  public Iterator<ShardInfo> call(Iterator<Tuple2<Long, Tuple2<byte[], int[]>>> rows) throws IOException {
    List<ShardInfo> written = new ArrayList<>();
    ShardWriter writer = null;
    String split = null;
    int splitIndex = -1;
    long shard = -1;
    long first = 0;
    long next = 0;
    while (rows.hasNext()) {
      Tuple2<Long, Tuple2<byte[], int[]>> r = rows.next();
      long seqIdx = RowKey.seqIdx(r._1());
      int s = RowKey.split(r._1());
      if (s != splitIndex || seqIdx / rowsPerShard != shard) {
        if (writer != null) {
          written.add(finish(writer, splitIndex, shard, first, next - first));
        }
        splitIndex = s;
        split = TokenizeJob.SPLITS.get(s);
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
      writer.write(r._2()._1(), r._2()._2(), seqIdx + seqIdxOffsets[s]);
      next++;
    }
    if (writer != null) {
      written.add(finish(writer, splitIndex, shard, first, next - first));
    }
    return written.iterator();
  }

  private ShardInfo finish(ShardWriter writer, int splitIndex, long shard, long first, long count) throws IOException {
    writer.close();
    String split = TokenizeJob.SPLITS.get(splitIndex);
    String path = shardPath(split, shard);
    return new ShardInfo(split, path, count, first + seqIdxOffsets[splitIndex],
        ShardWriter.sha256(stagingDir + "/" + path, hadoop.get()));
  }
}
