package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * Where every packed row goes, known before packing from the ids per pack group: group
 * {@code g} of a split yields {@code tokens / rowLength} rows (rounded up when the remainder is
 * padded); in the packed order, a split's groups follow one another by group number and rows
 * by row number; {@code seq_idx} is the row's packed index through the split's
 * {@link SeededPermutation}. Small: two longs per group.
 */
final class PackLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int groups;
  private final long[] rows; // per split * groups + group
  private final long[] offsets; // packed index of the group's first row within its split
  private final SeededPermutation[] shuffles; // per split

  PackLayout(GroupTotals totals, int rowLength, boolean pad, long seed) {
    this.groups = totals.groups();
    int splits = TokenizeJob.SPLITS.size();
    this.rows = new long[splits * groups];
    this.offsets = new long[splits * groups];
    this.shuffles = new SeededPermutation[splits];
    for (int s = 0; s < splits; s++) {
      long next = 0;
      for (int g = 0; g < groups; g++) {
        long t = totals.tokens(s, g);
        long n = pad ? (t + rowLength - 1) / rowLength : t / rowLength;
        rows[s * groups + g] = n;
        offsets[s * groups + g] = next;
        next += n;
      }
      shuffles[s] = new SeededPermutation(next, seed);
    }
  }

  long rows(int split) {
    return shuffles[split].size();
  }

  long rows(int split, int group) {
    return rows[split * groups + group];
  }

  /** The {@code seq_idx} of row {@code row} of pack group {@code group} of {@code split}. */
  long seqIdx(int split, int group, long row) {
    if (row >= rows(split, group)) {
      throw new IllegalStateException(TokenizeJob.SPLITS.get(split) + " pack group " + group + " yields row " + row
          + " but its counted ids make " + rows(split, group) + " rows");
    }
    return shuffles[split].apply(offsets[split * groups + group] + row);
  }
}
