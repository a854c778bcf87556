package dev.pretrain.tokenize.shards;

import org.apache.spark.Partitioner;

/** Sends every row of a shard ({@code seq_idx / rowsPerShard}) to the same task. */
final class ShardPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final long rowsPerShard;
  private final int partitions;

  ShardPartitioner(long rowsPerShard, int partitions) {
    this.rowsPerShard = rowsPerShard;
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object seqIdx) {
    return (int) (((Long) seqIdx / rowsPerShard) % partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.rowsPerShard == rowsPerShard && p.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(rowsPerShard) * 31 + partitions;
  }
}
