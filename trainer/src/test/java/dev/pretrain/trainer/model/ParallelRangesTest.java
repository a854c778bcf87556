package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelRangesTest {

  @Test
  void coversEveryIndexExactlyOnce() {
    for (int n : new int[] {0, 1, 7, 64, 1_000, 100_003}) {
      for (int grain : new int[] {1, 64, 100_000}) {
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        ParallelRanges.run(n, grain, (from, to) -> {
          for (int i = from; i < to; i++) {
            hits.incrementAndGet(i);
          }
        });
        for (int i = 0; i < n; i++) {
          assertEquals(1, hits.get(i), "n=" + n + " grain=" + grain + " index " + i);
        }
      }
    }
  }

  @Test
  void propagatesFailuresFromAnyPart() {
    assertThrows(IllegalStateException.class, () -> ParallelRanges.run(1_000, 1, (from, to) -> {
      if (to == 1_000) {
        throw new IllegalStateException("last part failed");
      }
    }));
  }
}
