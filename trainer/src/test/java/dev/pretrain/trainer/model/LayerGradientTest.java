package dev.pretrain.trainer.model;

import static dev.pretrain.trainer.model.GradientCheck.dot;
import static dev.pretrain.trainer.model.GradientCheck.maxRelativeError;
import static dev.pretrain.trainer.model.GradientCheck.randn;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference checks in DOUBLE of each layer's backward against its forward. */
class LayerGradientTest {

  private static final double TOLERANCE = 1e-4;
  private static final int BATCH = 2;
  private static final int SEQ = 5;
  private static final int ROWS = BATCH * SEQ;
  private static final int C = 8;

  private static void assertClose(String what, double error) {
    assertTrue(error < TOLERANCE, what + ": max relative error " + error + " >= " + TOLERANCE);
  }

  /** A DOUBLE training block's activations for B×T = 2×5 rows of C = 8 channels. */
  private static BlockActivations blockActivations(int heads) {
    Activations.Dims dims = Activations.Dims.training(GptConfig.of(64, SEQ, 1, heads, C, true), BATCH, SEQ);
    return new BlockActivations(dims, DataType.DOUBLE, null, true);
  }

  @Test
  void embeddingGradientMatchesFiniteDifferences() {
    int vocab = 11;
    INDArray wte = randn(1, 0.5, 64, C);
    INDArray wpe = randn(2, 0.5, 7, C);
    INDArray dWte = Nd4j.create(DataType.DOUBLE, 64, C);
    INDArray dWpe = Nd4j.create(DataType.DOUBLE, 7, C);
    Embedding layer = new Embedding(wte, wpe, dWte, dWpe, vocab);
    int[] tokens = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    int[] kept = new int[ROWS];
    INDArray out = Nd4j.create(DataType.DOUBLE, ROWS, C);
    INDArray r = randn(3, 1, ROWS, C);
    layer.forward(tokens, 0, 0, SEQ, kept, ElementView.of(out));
    layer.backward(kept, SEQ, ElementView.of(r));
    java.util.function.DoubleSupplier loss = () -> {
      layer.forward(tokens, 0, 0, SEQ, kept, ElementView.of(out));
      return dot(out, r);
    };
    assertClose("wte", maxRelativeError(wte, dWte, loss));
    assertClose("wpe", maxRelativeError(wpe, dWpe, loss));
  }

  @Test
  void layerNormGradientMatchesFiniteDifferences() {
    INDArray x = randn(4, 2, ROWS, C);
    INDArray w = randn(5, 1, C);
    INDArray b = randn(6, 1, C);
    INDArray dW = Nd4j.create(DataType.DOUBLE, C);
    INDArray dB = Nd4j.create(DataType.DOUBLE, C);
    INDArray dX = Nd4j.create(DataType.DOUBLE, ROWS, C);
    LayerNorm layer = new LayerNorm(w, b, dW, dB, new PhaseTimer());
    INDArray out = Nd4j.create(DataType.DOUBLE, ROWS, C);
    double[] mean = new double[ROWS];
    double[] rstd = new double[ROWS];
    INDArray r = randn(7, 1, ROWS, C);
    layer.forward(ElementView.of(x), ElementView.of(out), mean, rstd);
    layer.backward(ElementView.of(x), mean, rstd, ElementView.of(r), ElementView.of(dX));
    java.util.function.DoubleSupplier loss = () -> {
      layer.forward(ElementView.of(x), ElementView.of(out), mean, rstd);
      return dot(out, r);
    };
    assertClose("input", maxRelativeError(x, dX, loss));
    assertClose("weight", maxRelativeError(w, dW, loss));
    assertClose("bias", maxRelativeError(b, dB, loss));
  }

  @Test
  void attentionGradientMatchesFiniteDifferences() {
    int heads = 2;
    BlockActivations a = blockActivations(heads);
    CausalSelfAttention layer = new CausalSelfAttention(heads, C, new PhaseTimer());
    INDArray qkv = randn(8, 1, ROWS, 3 * C);
    INDArray r = randn(9, 1, ROWS, C);
    a.qkv.array().assign(qkv);
    layer.forward(a);
    layer.backward(a, ElementView.of(r));
    INDArray dQkv = a.dQkv.array().dup();
    java.util.function.DoubleSupplier loss = () -> {
      a.qkv.array().assign(qkv);
      layer.forward(a);
      return dot(a.attended.array(), r);
    };
    assertClose("qkv", maxRelativeError(qkv, dQkv, loss));
  }

  @Test
  void attentionIsCausal() {
    BlockActivations a = blockActivations(2);
    INDArray qkv = a.qkv.array();
    qkv.assign(randn(10, 1, ROWS, 3 * C));
    CausalSelfAttention layer = new CausalSelfAttention(2, C, new PhaseTimer());
    layer.forward(a);
    INDArray before = a.attended.array().dup();
    // Change everything at the last position of batch row 0: earlier positions must not move.
    for (int j = 0; j < 3 * C; j++) {
      qkv.putScalar(SEQ - 1, j, 5.0);
    }
    layer.forward(a);
    for (int t = 0; t < SEQ - 1; t++) {
      for (int j = 0; j < C; j++) {
        assertTrue(before.getDouble(t, j) == a.attended.array().getDouble(t, j), "position " + t + " saw the future");
      }
    }
  }

  @Test
  void mlpGradientMatchesFiniteDifferences() {
    INDArray x = randn(11, 1, ROWS, C);
    INDArray w1 = randn(12, 0.5, C, 4 * C);
    INDArray b1 = randn(13, 0.5, 4 * C);
    INDArray w2 = randn(14, 0.5, 4 * C, C);
    INDArray b2 = randn(15, 0.5, C);
    INDArray dW1 = Nd4j.create(DataType.DOUBLE, C, 4 * C);
    INDArray dB1 = Nd4j.create(DataType.DOUBLE, 4 * C);
    INDArray dW2 = Nd4j.create(DataType.DOUBLE, 4 * C, C);
    INDArray dB2 = Nd4j.create(DataType.DOUBLE, C);
    Linear fc = new Linear(w1, b1, dW1, dB1, new PhaseTimer());
    Gelu gelu = new Gelu(new PhaseTimer());
    Linear proj = new Linear(w2, b2, dW2, dB2, new PhaseTimer());
    ElementView hidden = ElementView.of(Nd4j.create(DataType.DOUBLE, ROWS, 4 * C));
    ElementView activated = ElementView.of(Nd4j.create(DataType.DOUBLE, ROWS, 4 * C));
    ElementView tanh = ElementView.of(Nd4j.create(DataType.DOUBLE, ROWS, 4 * C));
    ElementView out = ElementView.of(Nd4j.create(DataType.DOUBLE, ROWS, C));
    ElementView dActivated = ElementView.of(Nd4j.create(DataType.DOUBLE, ROWS, 4 * C));
    ElementView dX = ElementView.of(Nd4j.create(DataType.DOUBLE, ROWS, C));
    INDArray r = randn(16, 1, ROWS, C);
    java.util.function.DoubleSupplier loss = () -> {
      fc.forward(ElementView.of(x), hidden);
      gelu.forward(hidden, activated, tanh);
      proj.forward(activated, out);
      return dot(out.array(), r);
    };
    loss.getAsDouble();
    proj.backward(activated, ElementView.of(r), dActivated);
    gelu.backwardInPlace(hidden, tanh, dActivated);
    fc.backward(ElementView.of(x), dActivated, dX);
    assertClose("input", maxRelativeError(x, dX.array(), loss));
    assertClose("fc weight", maxRelativeError(w1, dW1, loss));
    assertClose("fc bias", maxRelativeError(b1, dB1, loss));
    assertClose("proj weight", maxRelativeError(w2, dW2, loss));
    assertClose("proj bias", maxRelativeError(b2, dB2, loss));
  }

  @Test
  void crossEntropyGradientMatchesFiniteDifferencesAndIgnoresPadding() {
    int vocab = 13;
    int padded = 64;
    INDArray logits = randn(17, 2, ROWS, padded);
    INDArray work = Nd4j.create(DataType.DOUBLE, ROWS, padded);
    int[] targets = {0, 12, 5, 5, 7, 1, 2, 3, 11, 4};
    SoftmaxCrossEntropy layer = new SoftmaxCrossEntropy(work, vocab);
    java.util.function.DoubleSupplier loss = () -> {
      work.assign(logits);
      return layer.forward(targets);
    };
    loss.getAsDouble();
    layer.backward();
    INDArray dLogits = work.dup();
    assertClose("logits", maxRelativeError(logits, dLogits, loss));
    for (int row = 0; row < ROWS; row++) {
      for (int j = vocab; j < padded; j++) {
        assertTrue(dLogits.getDouble(row, j) == 0.0, "padding column " + j + " got a gradient");
      }
    }
  }
}
