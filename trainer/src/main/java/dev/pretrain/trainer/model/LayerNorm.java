package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** LayerNorm over the channel dimension of {@code [N, C]} rows, with optional bias. */
final class LayerNorm {

  /** PyTorch's {@code nn.LayerNorm} default, which nanoGPT and GPT-2 use. */
  static final double EPS = 1e-5;
  private static final int ROW_GRAIN = 64;
  private static final int COLUMN_GRAIN = 32;

  private final PhaseTimer timer;
  private final int channels;
  private final ElementView weight;   // [C]
  private final ElementView bias;     // [C] or null
  private final ElementView dWeight;
  private final ElementView dBias;

  LayerNorm(INDArray weight, INDArray bias, INDArray dWeight, INDArray dBias, PhaseTimer timer) {
    this.timer = timer;
    this.channels = (int) weight.length();
    this.weight = ElementView.of(weight);
    this.bias = bias == null ? null : ElementView.of(bias);
    this.dWeight = ElementView.of(dWeight);
    this.dBias = dBias == null ? null : ElementView.of(dBias);
  }

  /**
   * in [N, C] → out [N, C], N the rows of out; each row's mean and 1/σ go to mean [N] and rstd [N]
   * for the backward. Rows are independent, so they are split over the cores.
   */
  void forward(ElementView in, ElementView out, double[] mean, double[] rstd) {
    long t0 = System.nanoTime();
    int c = channels;
    ParallelRanges.run(out.length() / c, ROW_GRAIN, (fromRow, toRow) -> {
      for (int r = fromRow; r < toRow; r++) {
        int base = r * c;
        double sum = 0;
        for (int j = 0; j < c; j++) {
          sum += in.get(base + j);
        }
        double m = sum / c;
        double var = 0;
        for (int j = 0; j < c; j++) {
          double d = in.get(base + j) - m;
          var += d * d;
        }
        double s = 1.0 / Math.sqrt(var / c + EPS);
        mean[r] = m;
        rstd[r] = s;
        for (int j = 0; j < c; j++) {
          double y = (in.get(base + j) - m) * s * weight.get(j);
          if (bias != null) {
            y += bias.get(j);
          }
          out.set(base + j, y);
        }
      }
    });
    timer.lap(Phase.LAYER_NORM, t0);
  }

  /**
   * in [N, C] (the forward input), mean and rstd of that forward, dOut [N, C]; ADDS the input gradient
   * into dIn [N, C] (the residual stream's gradient) and accumulates dWeight, dBias. The input gradient
   * is split over rows and the parameter gradients over columns, so no two threads write the same element.
   */
  void backward(ElementView in, double[] mean, double[] rstd, ElementView dOut, ElementView dIn) {
    long t0 = System.nanoTime();
    int c = channels;
    int rows = dOut.length() / c;
    ParallelRanges.run(rows, ROW_GRAIN, (fromRow, toRow) -> {
      for (int r = fromRow; r < toRow; r++) {
        int base = r * c;
        double m = mean[r];
        double s = rstd[r];
        // dnorm = dOut·weight; dIn = s·(dnorm − mean(dnorm) − norm·mean(dnorm·norm))
        double dnormMean = 0;
        double dnormNormMean = 0;
        for (int j = 0; j < c; j++) {
          double norm = (in.get(base + j) - m) * s;
          double dnorm = dOut.get(base + j) * weight.get(j);
          dnormMean += dnorm;
          dnormNormMean += dnorm * norm;
        }
        dnormMean /= c;
        dnormNormMean /= c;
        for (int j = 0; j < c; j++) {
          double norm = (in.get(base + j) - m) * s;
          double dnorm = dOut.get(base + j) * weight.get(j);
          dIn.add(base + j, (dnorm - dnormMean - norm * dnormNormMean) * s);
        }
      }
    });
    ParallelRanges.run(c, COLUMN_GRAIN, (fromColumn, toColumn) -> {
      for (int j = fromColumn; j < toColumn; j++) {
        double dw = 0;
        double db = 0;
        for (int r = 0; r < rows; r++) {
          double g = dOut.get(r * c + j);
          dw += g * (in.get(r * c + j) - mean[r]) * rstd[r];
          db += g;
        }
        dWeight.add(j, dw);
        if (dBias != null) {
          dBias.add(j, db);
        }
      }
    });
    timer.lap(Phase.LAYER_NORM, t0);
  }
}
