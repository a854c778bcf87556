package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference check in DOUBLE of a whole (very small) GPT: every parameter tensor, up to 40
 * elements of each spread over the tensor (all of the small ones), to keep the suite fast.
 */
class GptGradientTest {

  @ParameterizedTest(name = "bias={0}")
  @ValueSource(booleans = {true, false})
  void wholeModelGradientMatchesFiniteDifferences(boolean bias) {
    // vocab 40 pads to 64, so the padding rows of wte are exercised too; T=5 < block 6.
    GptConfig config = GptConfig.of(40, 6, 2, 2, 8, bias);
    Gpt model = new Gpt(config, 2, 5, DataType.DOUBLE, 7);
    // Larger weights than the 0.02 init so that every path carries a gradient well above rounding.
    ElementView theta = ElementView.of(model.parameters());
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < theta.length(); i++) {
      theta.set(i, theta.get(i) + random.nextGaussian() * 0.3);
    }
    int[] inputs = {1, 7, 39, 0, 22, 5, 5, 13, 38, 2};
    int[] targets = {7, 39, 0, 22, 3, 5, 13, 38, 2, 11};
    model.zeroGradients();
    model.forward(inputs, targets);
    model.backward();
    INDArray analytic = model.gradients().dup();
    for (ParameterTensor t : model.layout().tensors()) {
      double error = GradientCheck.maxRelativeError(model.layout().view(model.parameters(), t.name()),
          model.layout().view(analytic, t.name()), () -> model.forward(inputs, targets), 40);
      assertTrue(error < 1e-4, t.name() + ": max relative error " + error);
    }
  }
}
