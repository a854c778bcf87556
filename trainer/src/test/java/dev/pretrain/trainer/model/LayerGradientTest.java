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

  @Test
  void embeddingGradientMatchesFiniteDifferences() {
    int vocab = 11;
    INDArray wte = randn(1, 0.5, 64, C);
    INDArray wpe = randn(2, 0.5, 7, C);
    INDArray dWte = Nd4j.create(DataType.DOUBLE, 64, C);
    INDArray dWpe = Nd4j.create(DataType.DOUBLE, 7, C);
    Embedding layer = new Embedding(wte, wpe, dWte, dWpe, vocab, BATCH, SEQ);
    int[] tokens = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    INDArray r = randn(3, 1, ROWS, C);
    layer.forward(tokens);
    layer.backward(ElementView.of(r));
    java.util.function.DoubleSupplier loss = () -> {
      layer.forward(tokens);
      return dot(layer.out, r);
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
    LayerNorm layer = new LayerNorm(w, b, dW, dB, ROWS, new PhaseTimer());
    INDArray r = randn(7, 1, ROWS, C);
    layer.forward(ElementView.of(x));
    layer.backward(ElementView.of(x), ElementView.of(r), ElementView.of(dX));
    java.util.function.DoubleSupplier loss = () -> {
      layer.forward(ElementView.of(x));
      return dot(layer.out, r);
    };
    assertClose("input", maxRelativeError(x, dX, loss));
    assertClose("weight", maxRelativeError(w, dW, loss));
    assertClose("bias", maxRelativeError(b, dB, loss));
  }

  @Test
  void attentionGradientMatchesFiniteDifferences() {
    int heads = 2;
    INDArray qkv = randn(8, 1, ROWS, 3 * C);
    CausalSelfAttention layer = new CausalSelfAttention(BATCH, SEQ, heads, C, DataType.DOUBLE, new PhaseTimer());
    INDArray r = randn(9, 1, ROWS, C);
    layer.forward(ElementView.of(qkv));
    layer.backward(ElementView.of(r));
    INDArray dQkv = layer.dIn.dup();
    java.util.function.DoubleSupplier loss = () -> {
      layer.forward(ElementView.of(qkv));
      return dot(layer.out, r);
    };
    assertClose("qkv", maxRelativeError(qkv, dQkv, loss));
  }

  @Test
  void attentionIsCausal() {
    INDArray qkv = randn(10, 1, ROWS, 3 * C);
    CausalSelfAttention layer = new CausalSelfAttention(BATCH, SEQ, 2, C, DataType.DOUBLE, new PhaseTimer());
    layer.forward(ElementView.of(qkv));
    INDArray before = layer.out.dup();
    // Change everything at the last position of batch row 0: earlier positions must not move.
    for (int j = 0; j < 3 * C; j++) {
      qkv.putScalar(SEQ - 1, j, 5.0);
    }
    layer.forward(ElementView.of(qkv));
    for (int t = 0; t < SEQ - 1; t++) {
      for (int j = 0; j < C; j++) {
        assertTrue(before.getDouble(t, j) == layer.out.getDouble(t, j), "position " + t + " saw the future");
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
    Linear fc = new Linear(w1, b1, dW1, dB1, ROWS, new PhaseTimer());
    Gelu gelu = new Gelu(fc.out, new PhaseTimer());
    Linear proj = new Linear(w2, b2, dW2, dB2, ROWS, new PhaseTimer());
    INDArray r = randn(16, 1, ROWS, C);
    java.util.function.DoubleSupplier loss = () -> {
      fc.forward(x);
      gelu.forward(fc.outView);
      proj.forward(gelu.out);
      return dot(proj.out, r);
    };
    loss.getAsDouble();
    proj.backward(gelu.out, r, ElementView.of(r));
    gelu.backwardInPlace(fc.outView, proj.dInView);
    fc.backward(x, proj.dIn, proj.dInView);
    INDArray dX = fc.dIn.dup();
    assertClose("input", maxRelativeError(x, dX, loss));
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
