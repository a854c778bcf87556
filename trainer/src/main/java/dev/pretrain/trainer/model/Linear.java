package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code out[N, out] = in[N, in] · W[in, out] + b}: one 2-D GEMM into a preallocated output. */
final class Linear {

  private final PhaseTimer timer;
  private final int rows;
  private final int inFeatures;
  private final int outFeatures;
  private final INDArray weight;      // [in, out]
  private final INDArray dWeight;     // [in, out]
  private final ElementView bias;     // [out] or null
  private final ElementView dBias;    // [out] or null
  private final double[] columnSums;  // [out], the bias gradient of one backward
  final INDArray out;                 // [N, out]
  final ElementView outView;
  final INDArray dIn;                 // [N, in]
  final ElementView dInView;

  Linear(INDArray weight, INDArray bias, INDArray dWeight, INDArray dBias, int rows, PhaseTimer timer) {
    this.timer = timer;
    this.inFeatures = (int) weight.size(0);
    this.outFeatures = (int) weight.size(1);
    this.weight = weight;
    this.dWeight = dWeight;
    this.rows = rows;
    this.bias = bias == null ? null : ElementView.of(bias);
    this.dBias = dBias == null ? null : ElementView.of(dBias);
    this.columnSums = new double[outFeatures];
    this.out = Nd4j.create(weight.dataType(), rows, outFeatures);
    this.outView = ElementView.of(out);
    this.dIn = Nd4j.create(weight.dataType(), rows, inFeatures);
    this.dInView = ElementView.of(dIn);
  }

  /** in [N, in] → out [N, out]. */
  void forward(INDArray in) {
    long t0 = System.nanoTime();
    forward(in, weight, bias, out, outView);
    timer.lap(Phase.LINEAR, t0);
  }

  /** out [N, out] = in [N, in] · weight [in, out] + bias (null for none). */
  static void forward(INDArray in, INDArray weight, ElementView bias, INDArray out, ElementView outView) {
    if (bias == null) {
      Nd4j.gemm(in, weight, out, false, false, 1.0, 0.0);
      return;
    }
    // Every row = b, then out += in·W: the bias costs one write pass instead of a read-modify-write.
    int rows = (int) out.size(0);
    int outFeatures = (int) out.size(1);
    ParallelRanges.run(rows, 64, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * outFeatures;
        for (int j = 0; j < outFeatures; j++) {
          outView.set(base + j, bias.get(j));
        }
      }
    });
    Nd4j.gemm(in, weight, out, false, false, 1.0, 1.0);
  }

  /** in [N, in] (the forward input), dOut [N, out] → dIn [N, in]; accumulates dW += inᵀ·dOut, db += Σ dOut. */
  void backward(INDArray in, INDArray dOut, ElementView dOutView) {
    long t0 = System.nanoTime();
    Nd4j.gemm(dOut, weight, dIn, false, true, 1.0, 0.0);
    Nd4j.gemm(in, dOut, dWeight, true, false, 1.0, 1.0);
    if (dBias != null) {
      java.util.Arrays.fill(columnSums, 0.0);
      for (int r = 0; r < rows; r++) {
        int base = r * outFeatures;
        for (int j = 0; j < outFeatures; j++) {
          columnSums[j] += dOutView.get(base + j);
        }
      }
      for (int j = 0; j < outFeatures; j++) {
        dBias.add(j, columnSums[j]);
      }
    }
    timer.lap(Phase.LINEAR, t0);
  }
}
