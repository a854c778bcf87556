package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code out[N, out] = in[N, in] · W[in, out] + b}: one 2-D GEMM into a preallocated output. */
final class Linear {

  private final PhaseTimer timer;
  private final int outFeatures;
  private final INDArray weight;      // [in, out]
  private final INDArray dWeight;     // [in, out]
  private final ElementView bias;     // [out] or null
  private final ElementView dBias;    // [out] or null
  private final double[] columnSums;  // [out], the bias gradient of one backward

  Linear(INDArray weight, INDArray bias, INDArray dWeight, INDArray dBias, PhaseTimer timer) {
    this.timer = timer;
    this.outFeatures = (int) weight.size(1);
    this.weight = weight;
    this.dWeight = dWeight;
    this.bias = bias == null ? null : ElementView.of(bias);
    this.dBias = dBias == null ? null : ElementView.of(dBias);
    this.columnSums = new double[outFeatures];
  }

  /** in [N, in] → out [N, out]. */
  void forward(ElementView in, ElementView out) {
    long t0 = System.nanoTime();
    if (bias == null) {
      Nd4j.gemm(in.array(), weight, out.array(), false, false, 1.0, 0.0);
    } else {
      // Every row = b, then out += in·W: the bias costs one write pass instead of a read-modify-write.
      ParallelRanges.run(out.length() / outFeatures, 64, (from, to) -> {
        for (int r = from; r < to; r++) {
          int base = r * outFeatures;
          for (int j = 0; j < outFeatures; j++) {
            out.set(base + j, bias.get(j));
          }
        }
      });
      Nd4j.gemm(in.array(), weight, out.array(), false, false, 1.0, 1.0);
    }
    timer.lap(Phase.LINEAR, t0);
  }

  /** in [N, in] (the forward input), dOut [N, out] → dIn [N, in]; accumulates dW += inᵀ·dOut, db += Σ dOut. */
  void backward(ElementView in, ElementView dOut, ElementView dIn) {
    long t0 = System.nanoTime();
    Nd4j.gemm(dOut.array(), weight, dIn.array(), false, true, 1.0, 0.0);
    Nd4j.gemm(in.array(), dOut.array(), dWeight, true, false, 1.0, 1.0);
    if (dBias != null) {
      java.util.Arrays.fill(columnSums, 0.0);
      int rows = dOut.length() / outFeatures;
      for (int r = 0; r < rows; r++) {
        int base = r * outFeatures;
        for (int j = 0; j < outFeatures; j++) {
          columnSums[j] += dOut.get(base + j);
        }
      }
      for (int j = 0; j < outFeatures; j++) {
        dBias.add(j, columnSums[j]);
      }
    }
    timer.lap(Phase.LINEAR, t0);
  }
}
