package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.model.GptConfig;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

  @Test
  void countsWeightsOptimizerStateAndActivationBuffers() {
    GptConfig config = GptConfig.of(64, 8, 1, 2, 16, true);
    long n = 2 * 8;   // B·T
    long floats = 4 * config.parameterCount() + 39 * n * 16 + 2 * 2 * 2 * 8 * 8 + 4 * n * 16 + n * 64;
    assertEquals(floats * 4, MemoryEstimate.offHeapBytes(config, 2, 8));
  }

  @Test
  void gpt2SmallAtBatch8NeedsTensOfGigabytes() {
    double gib = MemoryEstimate.offHeapBytes(GptConfig.preset("gpt2-124m"), 8, 1024) / (1024.0 * 1024 * 1024);
    assertTrue(gib > 10 && gib < 40, gib + " GiB");
  }

  @Test
  void aConfigThatDoesNotFitFailsWithTheEstimate() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MemoryEstimate.requireFits(GptConfig.preset("gpt2-124m"), 8, 1024, 8L << 30));
    assertTrue(e.getMessage().contains("needs about"), e.getMessage());
    assertTrue(e.getMessage().contains("more than the 8.00 GiB available"), e.getMessage());
    MemoryEstimate.requireFits(GptConfig.preset("tiny"), 8, 64, 8L << 30);
  }

  @Test
  void theStartUpCheckNamesTheCeilingAndWhatTheProcessHolds() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MemoryEstimate.requireFits(GptConfig.preset("gpt2-350m"), 64, 1024));
    assertTrue(e.getMessage().contains("this process already holds"), e.getMessage());
    assertTrue(e.getMessage().contains("lower train.batch-size"), e.getMessage());
  }
}
