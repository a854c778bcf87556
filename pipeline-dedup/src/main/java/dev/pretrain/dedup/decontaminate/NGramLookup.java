package dev.pretrain.dedup.decontaminate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The n-gram hashes of the sets small enough to send to every task: sorted, each with the sets
 * (one bit per set, in the settings' order) that have it. Looked up by binary search: 16 bytes an
 * n-gram, no boxing.
 */
final class NGramLookup implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] hashes;
  private final long[] sets;

  private NGramLookup(long[] hashes, long[] sets) {
    this.hashes = hashes;
    this.sets = sets;
  }

  /** @param hashesBySet each set's distinct hashes, under the set's bit index */
  static NGramLookup of(long[][] hashesBySet) {
    int total = 0;
    for (long[] h : hashesBySet) {
      total += h == null ? 0 : h.length;
    }
    // (hash, set) pairs sorted by hash, then the sets of equal hashes merged into one mask.
    long[][] pairs = new long[total][];
    int k = 0;
    for (int s = 0; s < hashesBySet.length; s++) {
      if (hashesBySet[s] != null) {
        for (long h : hashesBySet[s]) {
          pairs[k++] = new long[] {h, 1L << s};
        }
      }
    }
    Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
    long[] hashes = new long[total];
    long[] sets = new long[total];
    int n = 0;
    for (long[] pair : pairs) {
      if (n > 0 && hashes[n - 1] == pair[0]) {
        sets[n - 1] |= pair[1];
      } else {
        hashes[n] = pair[0];
        sets[n] = pair[1];
        n++;
      }
    }
    return new NGramLookup(Arrays.copyOf(hashes, n), Arrays.copyOf(sets, n));
  }

  /** The sets having this n-gram, as bits; 0 when none. */
  long sets(long hash) {
    int i = Arrays.binarySearch(hashes, hash);
    return i >= 0 ? sets[i] : 0;
  }

  int size() {
    return hashes.length;
  }
}
