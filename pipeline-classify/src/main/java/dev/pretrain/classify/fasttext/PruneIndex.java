package dev.pretrain.classify.fasttext;

import java.util.Arrays;

/**
 * Which hash buckets a pruned model kept, and where: {@code fasttext quantize -cutoff N} keeps the N
 * input rows of largest norm, and the n-gram buckets among them move to new rows. A bucket's
 * features then read row {@code nwords + rows[i]} where {@code buckets[i]} is the bucket; a bucket
 * not listed has been dropped, and its n-grams add nothing ({@code Dictionary::pushHash}). Pairs
 * are kept in file order, so a model writes back the bytes it was read from. An index without pairs
 * means every bucket was dropped (no n-gram features at all), which is not the same as no index.
 *
 * @param buckets the kept bucket ids, each in {@code [0, bucket)}
 * @param rows for each, its row among the kept buckets, in {@code [0, buckets.length)}
 */
public record PruneIndex(int[] buckets, int[] rows) {
  public PruneIndex {
    if (buckets.length != rows.length) {
      throw new IllegalArgumentException(buckets.length + " buckets but " + rows.length + " rows");
    }
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] < 0 || rows[i] < 0 || rows[i] >= rows.length) {
        throw new IllegalArgumentException("prune index pair " + i + " maps bucket " + buckets[i] + " to row "
            + rows[i] + ", outside [0, " + rows.length + ")");
      }
    }
  }

  /** Number of kept buckets (fastText's {@code pruneidx_size_}). */
  public int size() {
    return buckets.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PruneIndex p && Arrays.equals(buckets, p.buckets) && Arrays.equals(rows, p.rows);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(buckets) + Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return "PruneIndex[" + buckets.length + " buckets]";
  }
}
