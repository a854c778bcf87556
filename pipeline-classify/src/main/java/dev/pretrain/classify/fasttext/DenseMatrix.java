package dev.pretrain.classify.fasttext;

import java.util.Objects;

/**
 * A dense fastText matrix ({@code DenseMatrix}, densematrix.cc): {@code rows * cols} floats, row
 * after row, as the model file stores them after the two 64-bit sizes. One Java array, so at most
 * 2^31 - 1 values (8 GB of floats); fastText's published classifiers are far below that.
 */
public final class DenseMatrix implements FastTextMatrix {
  private final int rows;
  private final int cols;
  private final float[] data;

  /**
   * The matrix over {@code data}, which it takes as it is: the caller must not change the array
   * afterwards (a model is shared by threads and never copies its weights).
   */
  public DenseMatrix(int rows, int cols, float[] data) {
    Objects.requireNonNull(data, "data");
    if (rows < 0 || cols <= 0 || (long) rows * cols != data.length) {
      throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix cannot hold " + data.length + " values");
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  /** The value at {@code (row, col)}. */
  public float get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    return data[row * cols + col];
  }

  @Override
  public void addRowTo(float[] vector, int row) {
    int offset = row * cols;
    for (int j = 0; j < cols; j++) {
      vector[j] += data[offset + j];
    }
  }

  @Override
  public float dotRow(float[] vector, int row) {
    int offset = row * cols;
    float d = 0f;
    for (int j = 0; j < cols; j++) {
      d += data[offset + j] * vector[j];
    }
    return d;
  }

  /** The values themselves, for the writer (not a copy: never to be changed). */
  float[] data() {
    return data;
  }
}
