package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GptConfigTest {

  @Test
  void gpt2SmallHasLlmcParameterCount() {
    GptConfig config = GptConfig.preset("gpt2-124m");
    assertEquals(50257, config.vocabSize());
    assertEquals(50304, config.paddedVocabSize());
    // llm.c train_gpt2 prints "num_parameters: 124475904" for GPT-2 124M with the padded vocabulary.
    assertEquals(124_475_904L, config.parameterCount());
  }

  @Test
  void presetsHaveTheIssueShapes() {
    GptConfig tiny = GptConfig.preset("tiny");
    assertEquals(new GptConfig(512, 512, 64, 2, 4, 128, true), tiny);
    // 512·128 + 64·128 + 2·(2·256 + 128·384 + 384 + 128·128 + 128 + 128·512 + 512 + 512·128 + 128) + 256
    assertEquals(65_536 + 8_192 + 2 * 198_272 + 256, tiny.parameterCount());
    assertEquals(new GptConfig(8192, 8192, 256, 4, 4, 256, true), GptConfig.preset("small"));
    assertEquals(new GptConfig(50257, 50304, 1024, 24, 16, 1024, true), GptConfig.preset("gpt2-350m"));
  }

  @Test
  void withoutBiasDropsBiasesOnly() {
    GptConfig bias = GptConfig.of(64, 8, 1, 2, 8, true);
    GptConfig noBias = GptConfig.of(64, 8, 1, 2, 8, false);
    // Per block: 2 LN biases (16) + QKV 24 + proj 8 + fc 32 + proj 8; plus ln_f bias 8.
    assertEquals(96, bias.parameterCount() - noBias.parameterCount());
  }

  @Test
  void vocabularyIsPaddedToMultipleOf64() {
    assertEquals(64, GptConfig.of(1, 8, 1, 1, 8, true).paddedVocabSize());
    assertEquals(128, GptConfig.of(65, 8, 1, 1, 8, true).paddedVocabSize());
    assertEquals(8192, GptConfig.of(8192, 8, 1, 1, 8, true).paddedVocabSize());
    GptConfig gpt2 = GptConfig.preset("gpt2-124m");
    GptConfig retokenized = GptConfig.of(32_000, gpt2.blockSize(), gpt2.nLayer(), gpt2.nHead(), gpt2.nEmbd(), gpt2.bias());
    assertEquals(32_000, retokenized.vocabSize());
    assertEquals(32_000, retokenized.paddedVocabSize());
    assertEquals(12, retokenized.nLayer());
  }

  @Test
  void invalidShapesAreRejectedWithTheReason() {
    IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
        () -> GptConfig.of(512, 64, 2, 3, 128, true));
    assertTrue(heads.getMessage().contains("nEmbd 128 must be divisible by nHead 3"), heads.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GptConfig.of(0, 64, 2, 4, 128, true));
    assertThrows(IllegalArgumentException.class, () -> GptConfig.of(512, 0, 2, 4, 128, true));
    assertThrows(IllegalArgumentException.class, () -> new GptConfig(512, 500, 64, 2, 4, 128, true));
    IllegalArgumentException preset = assertThrows(IllegalArgumentException.class, () -> GptConfig.preset("huge"));
    assertTrue(preset.getMessage().contains("gpt2-124m"), preset.getMessage());
  }
}
