package dev.pretrain.tokenize.shards;

import org.apache.spark.Partitioner;

/** One partition per (split, pack group): a packing task holds exactly one group's documents. */
final class PackGroupPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int groups;

  PackGroupPartitioner(int groups) {
    this.groups = groups;
  }

  @Override
  public int numPartitions() {
    return TokenizeJob.SPLITS.size() * groups;
  }

  @Override
  public int getPartition(Object key) {
    PackKey k = (PackKey) key;
    return k.split * groups + k.group;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackGroupPartitioner p && p.groups == groups;
  }

  @Override
  public int hashCode() {
    return groups;
  }
}
