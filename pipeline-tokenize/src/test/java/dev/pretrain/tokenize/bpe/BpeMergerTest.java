package dev.pretrain.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeMergerTest {

  /** The textbook rule: merge the lowest-ranked adjacent pair, leftmost on ties, until none merges. */
  private static int[] reference(MergeTable table, int[] symbols) {
    int[] s = symbols.clone();
    int n = s.length;
    while (true) {
      int best = -1;
      long bestEntry = -1;
      for (int i = 0; i + 1 < n; i++) {
        long e = table.lookup(s[i], s[i + 1]);
        if (e >= 0 && (best < 0 || MergeTable.rankOf(e) < MergeTable.rankOf(bestEntry))) {
          best = i;
          bestEntry = e;
        }
      }
      if (best < 0) {
        return Arrays.copyOf(s, n);
      }
      s[best] = MergeTable.mergedIdOf(bestEntry);
      System.arraycopy(s, best + 2, s, best + 1, n - best - 2);
      n--;
    }
  }

  /** Random merges over 4 base symbols; merged ids 4, 5, ... so chains of merges happen often. */
  private static MergeTable randomTable(Random random, int merges) {
    MergeTable.Builder b = new MergeTable.Builder();
    for (int m = 0; m < merges; m++) {
      int limit = 4 + m;
      b.add(random.nextInt(limit), random.nextInt(limit), 4 + m);
    }
    return b.build();
  }

  @Test
  void scanAndHeapBothFollowTheLowestRankLeftmostRule() {
    Random random = new Random(99);
    for (int trial = 0; trial < 500; trial++) {
      MergeTable table = randomTable(random, 1 + random.nextInt(40));
      int n = 1 + random.nextInt(trial % 5 == 0 ? 400 : BpeMerger.SCAN_LIMIT);
      int[] symbols = new int[n];
      for (int i = 0; i < n; i++) {
        symbols[i] = random.nextInt(4);
      }
      int[] expected = reference(table, symbols);
      BpeMerger merger = new BpeMerger(table);
      int[] heap = Arrays.copyOf(symbols, n);
      assertArrayEquals(expected, Arrays.copyOf(heap, merger.mergeByHeap(heap, n)), "heap, trial " + trial);
      if (n <= BpeMerger.SCAN_LIMIT) {
        int[] scan = symbols.clone();
        assertArrayEquals(expected, Arrays.copyOf(scan, merger.mergeByScan(scan, n)), "scan, trial " + trial);
      }
    }
  }
}
