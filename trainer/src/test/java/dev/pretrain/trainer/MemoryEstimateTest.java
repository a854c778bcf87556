package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class MemoryEstimateTest {

  /**
   * The estimate equals what a live model allocates: every distinct ND4J buffer reachable from a
   * built {@link Gpt} (θ, gradients, every layer's activations) plus AdamW's two moments of P each.
   * A layer that gains or loses a buffer makes this fail, unlike a test that re-types the formula.
   */
  @ParameterizedTest
  @CsvSource({
      "64, 8, 1, 2, 16, true, 2, 8",
      "64, 16, 2, 4, 32, false, 3, 16",
      "100, 12, 3, 2, 24, true, 1, 5"})
  void countsTheBuffersALiveModelAllocates(int vocab, int block, int layers, int heads, int channels, boolean bias,
                                           int batch, int seqLen) {
    GptConfig config = GptConfig.of(vocab, block, layers, heads, channels, bias);
    Gpt model = new Gpt(config, batch, seqLen, DataType.FLOAT, 1);
    long liveFloats = LiveBuffers.elements(model) + 2L * config.parameterCount();
    assertEquals(liveFloats * Float.BYTES, MemoryEstimate.offHeapBytes(config, batch, seqLen));
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
