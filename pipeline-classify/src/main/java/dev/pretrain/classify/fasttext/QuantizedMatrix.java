package dev.pretrain.classify.fasttext;

import java.util.Objects;

/**
 * A product-quantized fastText matrix ({@code QuantMatrix}, quantmatrix.cc), as
 * {@code fasttext quantize} writes it into {@code .ftz} files: each row is {@code nsubq} one-byte
 * codes into a {@link ProductQuantizer}. With {@code -qnorm} the rows were normalized before
 * quantization and each row's norm is itself quantized (a one-value quantizer, one byte per row);
 * the decoded row is scaled by it.
 */
public final class QuantizedMatrix implements FastTextMatrix {
  private final int rows;
  private final int cols;
  private final ProductQuantizer quantizer;
  private final byte[] codes;
  private final ProductQuantizer normQuantizer; // null without -qnorm
  private final byte[] normCodes;

  /**
   * A quantized matrix. Takes the arrays as they are (never to be changed afterwards).
   *
   * @param codes {@code rows * quantizer.subquantizers()} codes, row after row
   * @param normQuantizer the one-value quantizer of the row norms, or null when norms were not quantized
   * @param normCodes one code per row with a norm quantizer, else null
   */
  public QuantizedMatrix(int rows, int cols, ProductQuantizer quantizer, byte[] codes, ProductQuantizer normQuantizer,
      byte[] normCodes) {
    Objects.requireNonNull(quantizer, "quantizer");
    Objects.requireNonNull(codes, "codes");
    if (rows < 0 || cols != quantizer.dim()) {
      throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix cannot use a quantizer of dim "
          + quantizer.dim());
    }
    if ((long) rows * quantizer.subquantizers() != codes.length) {
      throw new IllegalArgumentException(rows + " rows of " + quantizer.subquantizers() + " codes are "
          + (long) rows * quantizer.subquantizers() + " codes, not " + codes.length);
    }
    if ((normQuantizer == null) != (normCodes == null)) {
      throw new IllegalArgumentException("norm codes and their quantizer come together");
    }
    if (normQuantizer != null) {
      if (normQuantizer.dim() != 1 || normQuantizer.subquantizers() != 1) {
        throw new IllegalArgumentException("the norm quantizer quantizes single values, not vectors of "
            + normQuantizer.dim());
      }
      if (normCodes.length != rows) {
        throw new IllegalArgumentException(rows + " rows need " + rows + " norm codes, not " + normCodes.length);
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.quantizer = quantizer;
    this.codes = codes;
    this.normQuantizer = normQuantizer;
    this.normCodes = normCodes;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  /** Whether row norms were quantized separately ({@code -qnorm}). */
  public boolean quantizesNorms() {
    return normQuantizer != null;
  }

  public ProductQuantizer quantizer() {
    return quantizer;
  }

  @Override
  public void addRowTo(float[] vector, int row) {
    quantizer.addCode(vector, codes, row, norm(row));
  }

  @Override
  public float dotRow(float[] vector, int row) {
    return quantizer.mulCode(vector, codes, row, norm(row));
  }

  private float norm(int row) {
    return normQuantizer == null ? 1f : normQuantizer.centroids()[normCodes[row] & 0xFF];
  }

  byte[] codes() {
    return codes;
  }

  ProductQuantizer normQuantizer() {
    return normQuantizer;
  }

  byte[] normCodes() {
    return normCodes;
  }
}
