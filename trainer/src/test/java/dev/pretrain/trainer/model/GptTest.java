package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class GptTest {

  private static int[] randomTokens(int n, int vocab, long seed) {
    Random random = new Random(seed);
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = random.nextInt(vocab);
    }
    return tokens;
  }

  @Test
  void untrainedLossIsNearLnVocab() {
    GptConfig tiny = GptConfig.preset("tiny");
    Gpt model = new Gpt(tiny, 4, 64, DataType.FLOAT, 1);
    double loss = model.forward(randomTokens(256, 512, 2), randomTokens(256, 512, 3));
    // Logits are LN-normalised activations (variance ~1) times N(0, 0.02²) rows of wte, so each logit
    // has variance σ² ≈ C·0.02² = 0.05; for small σ, E[loss] ≈ ln V + σ²/2 ≈ ln V + 0.026. Allow that
    // offset plus 0.05 for the sampling noise of 256 targets.
    double sigma2 = tiny.nEmbd() * Gpt.INIT_STD * Gpt.INIT_STD;
    assertEquals(Math.log(512) + sigma2 / 2, loss, 0.05);
  }

  @Test
  void sameSeedGivesIdenticalWeightsAndLoss() {
    GptConfig tiny = GptConfig.preset("tiny");
    Gpt a = new Gpt(tiny, 2, 16, DataType.FLOAT, 42);
    Gpt b = new Gpt(tiny, 2, 16, DataType.FLOAT, 42);
    Gpt c = new Gpt(tiny, 2, 16, DataType.FLOAT, 43);
    assertEquals(a.parameters(), b.parameters());
    assertNotEquals(a.parameters(), c.parameters());
    int[] inputs = randomTokens(32, 512, 5);
    int[] targets = randomTokens(32, 512, 6);
    assertEquals(a.forward(inputs, targets), b.forward(inputs, targets));
  }

  /**
   * Loss bits and a hash of every gradient's bits of one forward and backward, recorded from the
   * model before a refactoring: a change that means to keep the math must keep them exactly.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "FLOAT, true, 4617197453989327483, 327157804",
      "FLOAT, false, 4617156990761384378, 958834930",
      "DOUBLE, true, 4617197453978665626, -418387821",
      "DOUBLE, false, 4617156990761477068, -612431013"})
  void forwardAndBackwardReproduceTheRecordedBits(DataType type, boolean bias, long lossBits, int gradientHash) {
    Gpt model = new Gpt(GptConfig.of(100, 16, 2, 2, 32, bias), 2, 16, type, 11);
    Random random = new Random(12);
    ElementView theta = ElementView.of(model.parameters());
    for (int i = 0; i < theta.length(); i++) {
      theta.set(i, theta.get(i) + random.nextGaussian() * 0.1);   // biases and LN shifts away from 0 and 1
    }
    int[] inputs = new int[32];
    int[] targets = new int[32];
    for (int i = 0; i < 32; i++) {
      inputs[i] = random.nextInt(100);
      targets[i] = random.nextInt(100);
    }
    model.zeroGradients();
    assertEquals(lossBits, Double.doubleToLongBits(model.forward(inputs, targets)));
    model.backward();
    assertEquals(gradientHash, type == DataType.FLOAT ? java.util.Arrays.hashCode(model.gradients().data().asFloat())
        : java.util.Arrays.hashCode(model.gradients().data().asDouble()));
  }

  @Test
  void floatModelComputesWhatTheGradientCheckedDoubleModelComputes() {
    GptConfig config = GptConfig.of(100, 16, 2, 2, 32, true);
    Gpt single = new Gpt(config, 2, 16, DataType.FLOAT, 5);
    Gpt reference = new Gpt(config, 2, 16, DataType.DOUBLE, 5);
    int[] inputs = randomTokens(32, 100, 7);
    int[] targets = randomTokens(32, 100, 8);
    assertEquals(reference.forward(inputs, targets), single.forward(inputs, targets), 1e-5);
    single.zeroGradients();
    reference.zeroGradients();
    single.backward();
    reference.backward();
    double scale = reference.gradients().norm2Number().doubleValue();
    double difference = reference.gradients().sub(single.gradients().castTo(DataType.DOUBLE)).norm2Number().doubleValue();
    assertTrue(difference < 1e-5 * scale, "float gradients differ by " + difference + " (norm " + scale + ")");
  }

  @Test
  void backwardAccumulatesUntilGradientsAreZeroed() {
    Gpt model = new Gpt(GptConfig.of(64, 8, 1, 2, 16, true), 2, 8, DataType.DOUBLE, 3);
    int[] inputs = randomTokens(16, 64, 1);
    int[] targets = randomTokens(16, 64, 2);
    model.zeroGradients();
    model.forward(inputs, targets);
    model.backward();
    org.nd4j.linalg.api.ndarray.INDArray once = model.gradients().dup();
    model.forward(inputs, targets);
    model.backward();
    assertEquals(0.0, model.gradients().sub(once.mul(2)).norm2Number().doubleValue(), 1e-12);
    model.zeroGradients();
    assertEquals(0.0, model.gradients().norm2Number().doubleValue());
  }

  @Test
  void initialisationFollowsGpt2() {
    GptConfig config = GptConfig.of(512, 64, 4, 4, 128, true);
    Gpt model = new Gpt(config, 1, 8, DataType.DOUBLE, 9);
    ParameterLayout layout = model.layout();
    assertEquals(0.02, layout.view(model.parameters(), "h.0.attn.c_attn.weight").stdNumber().doubleValue(), 0.001);
    // Residual projections: 0.02/√(2·4) = 0.00707.
    assertEquals(0.02 / Math.sqrt(8), layout.view(model.parameters(), "h.3.mlp.c_proj.weight").stdNumber().doubleValue(),
        0.0005);
    assertEquals(1.0, layout.view(model.parameters(), "h.1.ln_2.weight").minNumber().doubleValue());
    assertEquals(1.0, layout.view(model.parameters(), "ln_f.weight").maxNumber().doubleValue());
    assertEquals(0.0, layout.view(model.parameters(), "h.2.mlp.c_fc.bias").norm1Number().doubleValue());
  }

  @Test
  void tokensOutsideTheVocabularyAreRejected() {
    Gpt model = new Gpt(GptConfig.of(100, 8, 1, 1, 8, false), 1, 4, DataType.FLOAT, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.forward(new int[] {1, 2, 100, 3}, new int[] {2, 3, 4, 5}));
    assertTrue(e.getMessage().contains("outside the vocabulary [0, 100)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> model.forward(new int[] {1, 2, 3}, new int[] {2, 3, 4}));
  }

  @Test
  void sequenceLongerThanTheBlockIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Gpt(GptConfig.preset("tiny"), 1, 65, DataType.FLOAT, 1));
    assertTrue(e.getMessage().contains("block size 64"), e.getMessage());
  }

  @Test
  void backwardWithoutForwardIsAnError() {
    Gpt model = new Gpt(GptConfig.of(64, 8, 1, 1, 8, true), 1, 4, DataType.FLOAT, 1);
    assertThrows(IllegalStateException.class, model::backward);
  }
}
