package dev.pretrain.classify.fasttext;

import java.util.Arrays;

/**
 * {@link Scoring#ROW_LABEL_SCORES}: each input row's dot product with each output row, computed
 * once per model; the score of output row l for a line is then
 * {@code (sum over its input rows r of table[r][l]) / n}, which reads {@code labels} floats per
 * feature instead of {@code dim}: for a model with few labels and a large input matrix, one small
 * read in a table {@code dim / labels} times smaller than the matrix instead of a whole row that
 * misses cache and TLB. Sums are in double; the difference from fastText's float order is
 * described in {@link Scoring}.
 */
final class RowLabelScores {
  /** Applies when the table is at most this fraction of the dense input matrix: labels <= dim / 4. */
  static final int MIN_DIM_PER_LABEL = 4;

  private final float[] table;
  private final int labels;
  private final ThreadLocal<double[]> sums;

  private RowLabelScores(float[] table, int labels) {
    this.table = table;
    this.labels = labels;
    this.sums = ThreadLocal.withInitial(() -> new double[labels]);
  }

  /** Whether a model of these dimensions gains by the table: softmax or hs, few labels for its dim, a table that fits an array. */
  static boolean applies(Loss loss, int rows, int dim, int labels) {
    return (loss == Loss.SOFTMAX || loss == Loss.HIERARCHICAL_SOFTMAX) && (long) labels * MIN_DIM_PER_LABEL <= dim
        && (long) rows * labels <= Integer.MAX_VALUE - 8;
  }

  static RowLabelScores of(FastTextMatrix input, FastTextMatrix output) {
    int labels = output.rows();
    float[] table = new float[Math.multiplyExact(input.rows(), labels)];
    float[] row = new float[input.cols()];
    for (int r = 0; r < input.rows(); r++) {
      Arrays.fill(row, 0f);
      input.addRowTo(row, r);
      for (int l = 0; l < labels; l++) {
        table[r * labels + l] = output.dotRow(row, l);
      }
    }
    return new RowLabelScores(table, labels);
  }

  /** {@code scores[l] = scale * sum over rows[0, n) of table[row][l]}. */
  void score(int[] rows, int n, float scale, float[] scores) {
    if (labels == 2) { // the common case (a quality classifier): two running sums in registers
      double a = 0;
      double b = 0;
      for (int i = 0; i < n; i++) {
        int offset = rows[i] * 2;
        a += table[offset];
        b += table[offset + 1];
      }
      scores[0] = (float) (a * scale);
      scores[1] = (float) (b * scale);
    } else {
      double[] sums = this.sums.get();
      Arrays.fill(sums, 0);
      for (int i = 0; i < n; i++) {
        int offset = rows[i] * labels;
        for (int l = 0; l < labels; l++) {
          sums[l] += table[offset + l];
        }
      }
      for (int l = 0; l < labels; l++) {
        scores[l] = (float) (sums[l] * scale);
      }
    }
  }
}
