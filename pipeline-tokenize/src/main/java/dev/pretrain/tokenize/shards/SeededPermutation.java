package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * A seeded pseudo-random permutation of {@code [0, n)} that maps any index in O(1) without
 * materialising the order: a six-round balanced Feistel network (Luby and Rackoff 1988) over the
 * smallest even-width power-of-two domain holding {@code n}, with SplitMix64's finalizer (Steele,
 * Lea, Flood 2014) keyed by the seed and the round as the round function, and cycle-walking
 * (Black and Rogaway 2002) back into {@code [0, n)}. The domain is under {@code 4n}, so a walk
 * takes under four steps on average. This is the tokenize job's global row shuffle: a row's
 * position in the shuffled order depends only on its index in the packed order, {@code n} and
 * the seed, so every task computes its rows' {@code seq_idx} alone, with no sort. {@link #inverse}
 * runs the rounds backwards (and walks the cycle backwards): {@code export-tokens} uses it to find a
 * row's packed index from its {@code seq_idx}, where the documents cut across rows continue.
 */
public final class SeededPermutation implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ROUNDS = 6;

  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  public SeededPermutation(long n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("permutation size must be >= 0: " + n);
    }
    this.n = n;
    int bits = n <= 1 ? 2 : 64 - Long.numberOfLeadingZeros(n - 1);
    this.halfBits = Math.max(1, (bits + 1) / 2);
    this.halfMask = (1L << halfBits) - 1;
    long k = seed;
    for (int r = 0; r < ROUNDS; r++) {
      k = StableHash.mix(k + 0x9E3779B97F4A7C15L);
      roundKeys[r] = k;
    }
  }

  public long size() {
    return n;
  }

  /** The position of {@code index} in the shuffled order. */
  public long apply(long index) {
    if (index < 0 || index >= n) {
      throw new IndexOutOfBoundsException("index " + index + " outside [0, " + n + ")");
    }
    long x = index;
    do {
      x = feistel(x);
    } while (x >= n);
    return x;
  }

  /** The index whose position in the shuffled order is {@code position}: {@code inverse(apply(i)) == i}. */
  public long inverse(long position) {
    if (position < 0 || position >= n) {
      throw new IndexOutOfBoundsException("position " + position + " outside [0, " + n + ")");
    }
    // apply walks i -> f(i) -> f(f(i)) ... to the first value below n; every step between lies at or
    // above n, so walking f^-1 from that value back to the first value below n finds i.
    long x = position;
    do {
      x = feistelInverse(x);
    } while (x >= n);
    return x;
  }

  private long feistelInverse(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int r = ROUNDS - 1; r >= 0; r--) {
      long previous = right ^ (StableHash.mix(left ^ roundKeys[r]) & halfMask);
      right = left;
      left = previous;
    }
    return (left << halfBits) | right;
  }

  private long feistel(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (long key : roundKeys) {
      long next = left ^ (StableHash.mix(right ^ key) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
