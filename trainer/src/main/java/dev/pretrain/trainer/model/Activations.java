package dev.pretrain.trainer.model;

import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every activation of one forward pass, and for training every activation gradient of its backward,
 * allocated once (llm.c's {@code ActivationTensors}): the model-level buffers here, one
 * {@link BlockActivations} per block. The layers hold only their parameters and read and write these.
 *
 * <p>{@link Buffer} lists each buffer with its shape. Training allocates exactly that list, and
 * {@link #trainingElements} sums the same list for {@code MemoryEstimate}, so the estimate cannot
 * drift from what a model holds. Decoding ({@link #decoding}) allocates the forward buffers for the
 * new rows only, shared by all blocks (nothing is kept for a backward), with the attention weights
 * over the cache's positions.
 */
public final class Activations {

  /**
   * The sizes every shape is made of.
   *
   * @param rows     N: B·T in training, the appended rows in decoding
   * @param keys     positions each query row may attend to: T in training, the cache's capacity in decoding
   * @param headRows rows through ln_f and the logits: N in training, the last row in decoding
   */
  record Dims(int batch, int seqLen, int rows, int keys, int headRows, int channels, int heads,
              int paddedVocab) {

    static Dims training(GptConfig config, int batch, int seqLen) {
      int rows = Math.multiplyExact(batch, seqLen);
      return new Dims(batch, seqLen, rows, seqLen, rows, config.nEmbd(), config.nHead(), config.paddedVocabSize());
    }

    static Dims decoding(GptConfig config, int rows) {
      return new Dims(1, rows, rows, config.blockSize(), 1, config.nEmbd(), config.nHead(), config.paddedVocabSize());
    }

    /** [B*nh, T, hs]: a per-head block, N·C elements. */
    long[] perHead() {
      return new long[] {(long) batch * heads, seqLen, channels / heads};
    }

    /** [rows, width·C]. */
    long[] rowsOf(int widthInC) {
      return new long[] {rows, (long) widthInC * channels};
    }
  }

  /** Whether a buffer exists once per model or once per block. */
  enum Scope { MODEL, BLOCK }

  /** Every buffer of training, with its shape; the comments name the layer that writes it. */
  enum Buffer {
    EMBEDDED(Scope.MODEL, d -> d.rowsOf(1)),                                // token + position embedding
    LN_F(Scope.MODEL, d -> new long[] {d.headRows(), d.channels()}),        // final LayerNorm
    LOGITS(Scope.MODEL, d -> new long[] {d.headRows(), d.paddedVocab()}),   // logits, probabilities, dLogits
    D_LN_F(Scope.MODEL, d -> d.rowsOf(1)),
    D_RESIDUAL(Scope.MODEL, d -> d.rowsOf(1)),                              // dLoss/d(residual stream)
    LN1(Scope.BLOCK, d -> d.rowsOf(1)),
    QKV(Scope.BLOCK, d -> d.rowsOf(3)),
    Q(Scope.BLOCK, Dims::perHead),
    K(Scope.BLOCK, Dims::perHead),
    V(Scope.BLOCK, Dims::perHead),
    ATT(Scope.BLOCK, d -> new long[] {(long) d.batch() * d.heads(), d.seqLen(), d.keys()}),   // softmax weights
    Y(Scope.BLOCK, Dims::perHead),                                          // att·V, in backward dY
    ATTENDED(Scope.BLOCK, d -> d.rowsOf(1)),                                // heads merged
    ATTN_PROJ(Scope.BLOCK, d -> d.rowsOf(1)),
    RESIDUAL1(Scope.BLOCK, d -> d.rowsOf(1)),
    LN2(Scope.BLOCK, d -> d.rowsOf(1)),
    FC(Scope.BLOCK, d -> d.rowsOf(4)),
    GELU(Scope.BLOCK, d -> d.rowsOf(4)),
    GELU_TANH(Scope.BLOCK, d -> d.rowsOf(4)),                               // kept so GELU's backward needs no exp
    MLP_PROJ(Scope.BLOCK, d -> d.rowsOf(1)),
    RESIDUAL2(Scope.BLOCK, d -> d.rowsOf(1)),                               // the block's output
    D_ATT(Scope.BLOCK, d -> new long[] {(long) d.batch() * d.heads(), d.seqLen(), d.keys()}),
    D_Q(Scope.BLOCK, Dims::perHead),
    D_K(Scope.BLOCK, Dims::perHead),
    D_V(Scope.BLOCK, Dims::perHead),
    D_QKV(Scope.BLOCK, d -> d.rowsOf(3)),
    D_LN1(Scope.BLOCK, d -> d.rowsOf(1)),
    D_ATTENDED(Scope.BLOCK, d -> d.rowsOf(1)),
    D_LN2(Scope.BLOCK, d -> d.rowsOf(1)),
    D_GELU(Scope.BLOCK, d -> d.rowsOf(4));                                  // dGELU out, then dFC in place

    private final Scope scope;
    private final Function<Dims, long[]> shape;

    Buffer(Scope scope, Function<Dims, long[]> shape) {
      this.scope = scope;
      this.shape = shape;
    }

    long elements(Dims dims) {
      long n = 1;
      for (long d : shape.apply(dims)) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    }

    ElementView create(Dims dims, DataType type) {
      return ElementView.of(Nd4j.create(type, shape.apply(dims)));
    }
  }

  final Dims dims;
  final int[] tokens;                   // [N] the inputs of the last forward, for the embedding's backward
  final ElementView embedded;           // [N, C], the first block's input
  final BlockActivations[] blocks;      // one per block; in decoding one instance shared by all
  final ElementView lnFIn;              // [headRows, C] the rows ln_f reads: the last block's output, or its last row
  final ElementView lnF;                // [headRows, C]
  final double[] lnFMean;
  final double[] lnFRstd;
  final ElementView logits;             // [headRows, Vp]
  final ElementView dLnF;               // [N, C], null in decoding
  final ElementView dResidual;          // [N, C], null in decoding

  private Activations(Dims dims, int layers, DataType type, boolean training) {
    this.dims = dims;
    this.tokens = new int[dims.rows()];
    this.embedded = Buffer.EMBEDDED.create(dims, type);
    this.blocks = new BlockActivations[layers];
    ElementView input = embedded;
    for (int l = 0; l < layers; l++) {
      // Decoding keeps nothing for a backward: every block reads and rewrites the same rows in place.
      blocks[l] = training || l == 0 ? new BlockActivations(dims, type, input, training) : blocks[0];
      input = blocks[l].residual2;
    }
    this.lnFIn = training ? input
        : ElementView.of(input.array().reshape(dims.rows(), dims.channels()).getRow(dims.rows() - 1, true));
    this.lnF = Buffer.LN_F.create(dims, type);
    this.lnFMean = new double[dims.headRows()];
    this.lnFRstd = new double[dims.headRows()];
    this.logits = Buffer.LOGITS.create(dims, type);
    this.dLnF = training ? Buffer.D_LN_F.create(dims, type) : null;
    this.dResidual = training ? Buffer.D_RESIDUAL.create(dims, type) : null;
  }

  /** Every buffer of a forward and backward over B×T rows. */
  static Activations training(GptConfig config, int batch, int seqLen, DataType type) {
    return new Activations(Dims.training(config, batch, seqLen), config.nLayer(), type, true);
  }

  /** The forward buffers of {@code rows} tokens appended to a key/value cache of the block size. */
  static Activations decoding(GptConfig config, int rows, DataType type) {
    return new Activations(Dims.decoding(config, rows), config.nLayer(), type, false);
  }

  /** Elements of every buffer {@link #training} allocates: the sum of {@link Buffer}'s shapes. */
  public static long trainingElements(GptConfig config, int batch, int seqLen) {
    Dims dims = Dims.training(config, batch, seqLen);
    long total = 0;
    for (Buffer b : Buffer.values()) {
      total = Math.addExact(total, (b.scope == Scope.BLOCK ? config.nLayer() : 1) * b.elements(dims));
    }
    return total;
  }
}
