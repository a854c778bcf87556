package dev.pretrain.trainer.model;

/**
 * One named tensor inside the flat parameter buffer θ, row-major.
 *
 * @param name        GPT-2 style name, e.g. {@code h.0.attn.c_attn.weight}
 * @param offset      first element in the flat buffer
 * @param rows        first dimension (1 for vectors)
 * @param cols        second dimension
 * @param matrix      a 2-D weight (embeddings and linear weights); AdamW decays only these, as nanoGPT's
 *                    {@code configure_optimizers} does ({@code p.dim() >= 2})
 */
public record ParameterTensor(String name, int offset, int rows, int cols, boolean matrix) {

  public int length() {
    return rows * cols;
  }

  public long[] shape() {
    return matrix ? new long[] {rows, cols} : new long[] {cols};
  }
}
