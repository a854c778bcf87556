package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class MemoryEstimateTest {

  /**
   * The estimate equals what a live trainer allocates: every distinct ND4J buffer reachable from it (θ,
   * gradients, AdamW's moments, every activation). Each is counted from the live objects, none from a
   * formula: the model holds θ, its gradient and the activation holder and nothing else, so a layer
   * that allocated a buffer of its own, or a buffer missing from the holder's list, makes this fail.
   */
  @ParameterizedTest
  @CsvSource({
      "64, 8, 1, 2, 16, true, 2, 8",
      "64, 16, 2, 4, 32, false, 3, 16",
      "100, 12, 3, 2, 24, true, 1, 5"})
  void countsTheBuffersALiveTrainerAllocates(int vocab, int block, int layers, int heads, int channels, boolean bias,
                                             int batch, int seqLen) {
    GptConfig config = GptConfig.of(vocab, block, layers, heads, channels, bias);
    Gpt model = new Gpt(config, batch, seqLen, DataType.FLOAT, 1);
    Trainer trainer = new Trainer(model, new Trainer.Settings(AdamW.Settings.GPT,
        new CosineSchedule(1e-3, 1e-4, 1, 10), 1.0, 1));
    long parameters = LiveBuffers.elements(model.parameters());
    long gradients = LiveBuffers.elements(model.gradients());
    long activations = LiveBuffers.elements(model.activations());
    assertEquals(parameters + gradients + activations, LiveBuffers.elements(model));
    assertEquals(LiveBuffers.elements(trainer) * Float.BYTES, MemoryEstimate.offHeapBytes(config, batch, seqLen));
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
