package dev.pretrain.trainer.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OuterStepTest {

  @Test
  void nesterovFollowsPyTorchSgdWithNesterovMomentum() {
    OuterStep step = new OuterStep(OuterRule.NESTEROV, 0.5, 0.9, 2);
    float[] theta = {1.0f, -2.0f};
    step.apply(theta, new float[] {0.2f, -0.4f});
    // v = Δ; θ -= lr (Δ + μ v) = 0.5 · 1.9 Δ
    assertArrayEquals(new float[] {1.0f - 0.5f * 1.9f * 0.2f, -2.0f + 0.5f * 1.9f * 0.4f}, theta, 1e-6f);
    step.apply(theta, new float[] {0.1f, 0.0f});
    // v = 0.9 · 0.2 + 0.1 = 0.28; θ -= 0.5 (0.1 + 0.9 · 0.28)
    assertEquals(0.81f - 0.5f * (0.1f + 0.9f * 0.28f), theta[0], 1e-6f);
    assertArrayEquals(new float[] {0.28f, -0.36f}, step.velocity(), 1e-6f);
  }

  @Test
  void averagingSubtractsTheMeanChange() {
    OuterStep step = new OuterStep(OuterRule.AVERAGE, 0.7, 0.9, 2);
    float[] theta = {1.0f, 2.0f};
    step.apply(theta, new float[] {0.25f, -0.5f});
    assertArrayEquals(new float[] {0.75f, 2.5f}, theta);
    assertEquals(0, step.velocity().length);
  }
}
