package dev.pretrain.dedup.minhash;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles of {@link DedupNormalizer}-normalized text, and their LSH
 * band keys.
 *
 * <p>Shingles: each word (a run of non-space chars of the normalized text) is hashed with
 * {@link Hash64}; a shingle of k consecutive words hashes to {@code fmix64(Σ w_i · K_i)} with
 * fixed random odd multipliers K_i, so the shingle's order matters and a 64-bit collision between
 * two different shingles is as unlikely as between two random values, at the cost of k
 * multiplications instead of rehashing the shingle's chars.
 *
 * <p>Permutations: π_j(x) = a_j · x + b_j mod 2^64 with a_j odd, compared as signed longs. Since
 * x is already a well-mixed 64-bit hash, the affine map only needs to order shingles
 * independently per j; the high bits of a·x + b, which decide the minimum, form the 2-universal
 * multiply-shift family (Dietzfelbinger et al. 1997). This costs one multiply-add per
 * shingle × permutation instead of a 128-bit product reduced modulo the Mersenne prime 2^61 - 1
 * (datasketch's and datatrove's scheme). Shingle hashes are folded in batches, permutation by
 * permutation, so each a_j, b_j and running minimum stays in a register. The tests check that
 * estimated Jaccard tracks true Jaccard without bias and that band collisions follow
 * 1 - (1 - s^r)^b; {@code MinHashBench} measures ~75 MB/s per core for 112 permutations.
 *
 * <p>An instance reuses buffers and is not thread-safe: use one per task.
 */
public final class MinHasher {
  private final MinHashSettings settings;
  private final int permutations;
  private final long[] a;
  private final long[] b;
  private final long[] shingleMultipliers;
  private final long[] window;
  /** Shingle hashes waiting to be folded into the signature, a batch at a time. */
  private final long[] batch = new long[BATCH];
  private static final int BATCH = 256;
  private final DedupNormalizer normalizer = new DedupNormalizer();

  public MinHasher(MinHashSettings settings) {
    this.settings = settings;
    this.permutations = settings.permutations();
    SplittableRandom random = new SplittableRandom(settings.seed());
    a = new long[permutations];
    b = new long[permutations];
    for (int j = 0; j < permutations; j++) {
      a[j] = random.nextLong() | 1L;
      b[j] = random.nextLong();
    }
    shingleMultipliers = new long[settings.shingleWords()];
    for (int i = 0; i < shingleMultipliers.length; i++) {
      shingleMultipliers[i] = random.nextLong() | 1L;
    }
    window = new long[2 * settings.shingleWords()];
  }

  public MinHashSettings settings() {
    return settings;
  }

  /**
   * Writes the signature of {@code text} into {@code signature} (length = permutations) and
   * returns true, or returns false, leaving it undefined, when the normalized text has fewer
   * words than one shingle: such documents get no signature and are handled by exact dedup only.
   * Allocation-free once the normalizer's buffer has grown to the largest document.
   */
  public boolean sign(CharSequence text, long[] signature) {
    int len = normalizer.normalize(text);
    return signNormalized(normalizer.buffer(), len, signature);
  }

  /**
   * As {@link #sign}, for text a {@link DedupNormalizer} already normalized into {@code chars[0, len)}
   * (the curate job normalizes each document once for its exact key and its signature).
   */
  public boolean signNormalized(char[] chars, int len, long[] signature) {
    if (signature.length != permutations) {
      throw new IllegalArgumentException(
          "signature must have " + permutations + " entries, got " + signature.length);
    }
    return signWords(chars, len, signature);
  }

  /** The signature, or empty when the text is shorter than one shingle. */
  public Optional<long[]> signature(CharSequence text) {
    long[] out = new long[permutations];
    return sign(text, out) ? Optional.of(out) : Optional.empty();
  }

  private boolean signWords(char[] chars, int len, long[] signature) {
    int k = shingleMultipliers.length;
    java.util.Arrays.fill(signature, Long.MAX_VALUE);
    int words = 0;
    int next = 0; // words % k: where the next word's hash goes, and where the last k words start
    int pending = 0;
    int i = 0;
    while (i < len) {
      int start = i;
      while (i < len && chars[i] != ' ') {
        i++;
      }
      next = addWord(Hash64.chars(chars, start, i - start, 0), next);
      words++;
      i++; // the single space between words
      if (words >= k) {
        batch[pending++] = shingleHash(next);
        if (pending == BATCH) {
          permute(batch, pending, signature);
          pending = 0;
        }
      }
    }
    permute(batch, pending, signature);
    return words >= k;
  }

  /**
   * The distinct shingle hashes of {@code text}, sorted: the same shingles the signature is
   * computed over, for the exact Jaccard similarity of candidate pairs ({@link #jaccard}).
   * Empty when the text is shorter than one shingle.
   */
  public long[] shingleSet(CharSequence text) {
    int len = normalizer.normalize(text);
    char[] chars = normalizer.buffer();
    int k = shingleMultipliers.length;
    long[] out = new long[16];
    int n = 0;
    int words = 0;
    int next = 0;
    int i = 0;
    while (i < len) {
      int start = i;
      while (i < len && chars[i] != ' ') {
        i++;
      }
      next = addWord(Hash64.chars(chars, start, i - start, 0), next);
      words++;
      i++;
      if (words >= k) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, n * 2);
        }
        out[n++] = shingleHash(next);
      }
    }
    long[] sorted = sortHashes(out, n);
    int distinct = 0;
    for (int j = 0; j < sorted.length; j++) {
      if (j == 0 || sorted[j] != sorted[j - 1]) {
        sorted[distinct++] = sorted[j];
      }
    }
    return java.util.Arrays.copyOf(sorted, distinct);
  }

  /**
   * The first {@code n} values of {@code xs}, sorted as signed longs. Shingle hashes are uniform, so
   * a pass that scatters them into about 2n buckets by their top bits leaves a few values per bucket
   * to insertion-sort: linear expected time, 2-3x faster than {@code Arrays.sort} at a few thousand
   * shingles, where verification spent nearly half of its shingling time. A bucket that gets more
   * than 32 values (repeated or non-uniform values) is sorted with {@code Arrays.sort}, so the worst
   * case stays O(n log n).
   */
  static long[] sortHashes(long[] xs, int n) {
    long[] out = new long[n];
    if (n < 2) {
      System.arraycopy(xs, 0, out, 0, n);
      return out;
    }
    int bits = Math.min(24, 33 - Integer.numberOfLeadingZeros(n));
    int shift = 64 - bits;
    int[] start = new int[(1 << bits) + 1];
    for (int i = 0; i < n; i++) {
      // Flipping the sign bit turns signed order into unsigned order of the top bits.
      start[(int) ((xs[i] ^ Long.MIN_VALUE) >>> shift) + 1]++;
    }
    for (int b = 1; b < start.length; b++) {
      start[b] += start[b - 1];
    }
    int[] next = java.util.Arrays.copyOf(start, start.length - 1);
    for (int i = 0; i < n; i++) {
      out[next[(int) ((xs[i] ^ Long.MIN_VALUE) >>> shift)]++] = xs[i];
    }
    for (int b = 0; b + 1 < start.length; b++) {
      int lo = start[b];
      int hi = start[b + 1];
      if (hi - lo > 32) {
        java.util.Arrays.sort(out, lo, hi);
      } else {
        for (int i = lo + 1; i < hi; i++) {
          long v = out[i];
          int j = i;
          while (j > lo && out[j - 1] > v) {
            out[j] = out[j - 1];
            j--;
          }
          out[j] = v;
        }
      }
    }
    return out;
  }

  /**
   * Puts the hash of word number j at {@code j % k} of the window ({@code at}), and again k
   * further, so that the last k words are always {@code window[first, first + k)} without a
   * division per word and multiplier; returns where the next word goes.
   */
  private int addWord(long hash, int at) {
    int k = shingleMultipliers.length;
    window[at] = hash;
    window[at + k] = hash;
    return at + 1 == k ? 0 : at + 1;
  }

  /**
   * The hash of the shingle of the last k words, the oldest at {@code window[first]}:
   * fmix64(Σ_w hash(word w) · K_w), w = 0 for the oldest.
   */
  private long shingleHash(int first) {
    long[] m = shingleMultipliers;
    long sum = 0;
    for (int w = 0; w < m.length; w++) {
      sum += window[first + w] * m[w];
    }
    return Hash64.fmix64(sum);
  }

  /** |x ∩ y| / |x ∪ y| of two sorted sets of distinct hashes; 0 when both are empty. */
  public static double jaccard(long[] x, long[] y) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        common++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = x.length + y.length - common;
    return union == 0 ? 0 : (double) common / union;
  }

  /**
   * Folds a batch of shingle hashes into the signature. Permutation-major order keeps a_j, b_j and
   * the running minimum in registers while the batch streams from L1, instead of loading and
   * storing the 112-entry signature once per shingle.
   */
  private void permute(long[] xs, int count, long[] signature) {
    long[] pa = a;
    long[] pb = b;
    for (int j = 0; j < pa.length; j++) {
      long aj = pa[j];
      long bj = pb[j];
      long min = signature[j];
      for (int s = 0; s < count; s++) {
        long v = aj * xs[s] + bj;
        // A new minimum is rare after the first few shingles: a well-predicted branch beats a
        // compare-and-select chain here (measured by MinHashBench).
        if (v < min) {
          min = v;
        }
      }
      signature[j] = min;
    }
  }

  public int bands() {
    return settings.bands();
  }

  /** One 64-bit key per band: the hash of the band's rows, seeded with the band's index. */
  public void bandKeys(long[] signature, long[] keys) {
    int rows = settings.rows();
    if (keys.length != settings.bands() || signature.length != permutations) {
      throw new IllegalArgumentException("need " + settings.bands() + " keys for " + permutations + " rows");
    }
    for (int band = 0; band < keys.length; band++) {
      keys[band] = Hash64.longs(signature, band * rows, rows, band);
    }
  }
}
