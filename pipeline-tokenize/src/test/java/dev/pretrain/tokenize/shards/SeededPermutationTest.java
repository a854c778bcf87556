package dev.pretrain.tokenize.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededPermutationTest {

  private static long[] order(long n, long seed) {
    SeededPermutation p = new SeededPermutation(n, seed);
    long[] out = new long[(int) n];
    for (int i = 0; i < n; i++) {
      out[i] = p.apply(i);
    }
    return out;
  }

  @Test
  void isABijectionOnZeroToNForSmallAndAwkwardSizes() {
    for (long n : new long[] {1, 2, 3, 5, 16, 17, 255, 256, 257, 1000, 4097, 65_537}) {
      long[] seq = order(n, 1234);
      boolean[] hit = new boolean[(int) n];
      for (long s : seq) {
        assertTrue(s >= 0 && s < n, n + ": " + s);
        assertTrue(!hit[(int) s], n + ": " + s + " twice");
        hit[(int) s] = true;
      }
    }
  }

  @Test
  void inverseUndoesApplyForEveryIndex() {
    for (long n : new long[] {1, 2, 3, 17, 257, 4097, 65_537}) {
      SeededPermutation p = new SeededPermutation(n, 99);
      for (long i = 0; i < n; i++) {
        assertEquals(i, p.inverse(p.apply(i)), n + ": " + i);
      }
    }
    SeededPermutation big = new SeededPermutation(3_000_000_019L, 5);
    for (long i : new long[] {0, 1, 123_456_789L, 3_000_000_018L}) {
      assertEquals(i, big.inverse(big.apply(i)));
    }
    assertThrows(IndexOutOfBoundsException.class, () -> big.inverse(3_000_000_019L));
  }

  @Test
  void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
    assertTrue(Arrays.equals(order(1000, 7), order(1000, 7)));
    assertNotEquals(Arrays.toString(order(1000, 7)), Arrays.toString(order(1000, 8)));
  }

  @Test
  void shufflesWell() {
    // Few fixed points (about 1 expected) and neighbours scattered: not an identity or a shift.
    long[] seq = order(10_000, 42);
    int fixed = 0;
    int adjacent = 0;
    for (int i = 0; i < seq.length; i++) {
      fixed += seq[i] == i ? 1 : 0;
      adjacent += i > 0 && Math.abs(seq[i] - seq[i - 1]) == 1 ? 1 : 0;
    }
    assertTrue(fixed < 10, "fixed points " + fixed);
    assertTrue(adjacent < 20, "neighbours kept adjacent " + adjacent);
    // The first half of the packed order lands spread over both halves of the shuffled order.
    long firstHalfInFront = Arrays.stream(seq, 0, 5_000).filter(s -> s < 5_000).count();
    assertTrue(Math.abs(firstHalfInFront - 2_500) < 200, "first half in front: " + firstHalfInFront);
  }

  @Test
  void refusesIndicesOutsideTheDomain() {
    assertThrows(IndexOutOfBoundsException.class, () -> new SeededPermutation(3, 1).apply(3));
    assertEquals(0, new SeededPermutation(0, 1).size());
  }
}
