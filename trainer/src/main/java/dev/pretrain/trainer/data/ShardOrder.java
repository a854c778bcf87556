package dev.pretrain.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The seeded order in which an epoch visits the train shards: a new permutation per epoch. */
final class ShardOrder {
  private ShardOrder() {}

  /** Positions 0..count-1 permuted by a generator seeded from (seed, epoch) only. */
  static int[] of(int count, long seed, long epoch) {
    List<Integer> order = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    // SplitMix64's golden-ratio increment keeps nearby (seed, epoch) pairs from giving related streams.
    Collections.shuffle(order, new Random(seed ^ (epoch + 1) * 0x9E3779B97F4A7C15L));
    return order.stream().mapToInt(Integer::intValue).toArray();
  }
}
