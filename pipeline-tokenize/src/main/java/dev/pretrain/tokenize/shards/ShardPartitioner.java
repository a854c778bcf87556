package dev.pretrain.tokenize.shards;

import org.apache.spark.Partitioner;

/**
 * Sends every row of a shard to the same writer task: rows are keyed by {@link RowKey}; shard
 * {@code seq_idx / rowsPerShard} of a split gets a number after all shards of the splits before
 * it, and the numbers are dealt round-robin to the writers.
 */
final class ShardPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final long rowsPerShard;
  private final long[] firstShard; // per split
  private final int partitions;

  ShardPartitioner(long rowsPerShard, long[] rowsPerSplit, int partitions) {
    this.rowsPerShard = rowsPerShard;
    this.firstShard = new long[rowsPerSplit.length];
    for (int s = 1; s < rowsPerSplit.length; s++) {
      firstShard[s] = firstShard[s - 1] + shards(rowsPerSplit[s - 1], rowsPerShard);
    }
    this.partitions = partitions;
  }

  static long shards(long rows, long rowsPerShard) {
    return (rows + rowsPerShard - 1) / rowsPerShard;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object rowKey) {
    long key = (Long) rowKey;
    return (int) ((firstShard[RowKey.split(key)] + RowKey.seqIdx(key) / rowsPerShard) % partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.rowsPerShard == rowsPerShard && p.partitions == partitions
        && java.util.Arrays.equals(p.firstShard, firstShard);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(rowsPerShard) * 31 + partitions;
  }
}
