package dev.pretrain.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShufflePartitionsTest {
  private static final long MIB = 1L << 20;

  @Test
  void onePartitionPer256MibOfInputRoundedUp() {
    assertEquals(15, ShufflePartitions.forInput(4, 4000 * 1_000_000L)); // 3,815 MiB
    assertEquals(8, ShufflePartitions.forInput(4, 2013 * 1_000_000L));
    assertEquals(5, ShufflePartitions.forInput(4, 1024 * MIB + 1));
  }

  @Test
  void neverLowersTheSetting() {
    assertEquals(4, ShufflePartitions.forInput(4, 17 * MIB)); // the sample corpus keeps local[2]'s 4
    assertEquals(4, ShufflePartitions.forInput(4, 1024 * MIB));
    assertEquals(200, ShufflePartitions.forInput(200, 4000 * MIB)); // a cluster's default, enough for 4 GB
    assertEquals(4, ShufflePartitions.forInput(4, 0));
    assertEquals(4, ShufflePartitions.forInput(4, -1));
  }

  @Test
  void capsAtTheLargestInt() {
    assertEquals(Integer.MAX_VALUE, ShufflePartitions.forInput(4, Long.MAX_VALUE));
  }
}
