package dev.pretrain.classify.fasttext;

/**
 * A fastText matrix (matrix.h): rows of {@code cols()} floats, dense or product-quantized. The
 * input matrix has a row per word and per hash bucket, the output matrix one per label (for hs,
 * one per inner node of the label tree). Immutable once built; both operations read only.
 */
public sealed interface FastTextMatrix permits DenseMatrix, QuantizedMatrix {
  int rows();

  int cols();

  /** {@code vector += row} ({@code Matrix::addRowToVector(x, i)}), in column order. */
  void addRowTo(float[] vector, int row);

  /** The dot product of {@code vector} and the row, summed in column order in float ({@code Matrix::dotRow}). */
  float dotRow(float[] vector, int row);
}
