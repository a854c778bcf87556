package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.trainer.model.GptConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

  private static TrainSettings read(String... sets) {
    return TrainSettings.read(ConfigLayers.load(Optional.empty(), List.of(sets), TrainSettings.SCHEMA).reader());
  }

  @Test
  void theReferenceConfigTrainsTheTinyPresetWithoutAccumulation() {
    TrainSettings s = read();
    assertEquals(GptConfig.preset("tiny"), s.model());
    assertEquals(1, s.accumulation());
  }

  @Test
  void tokensPerStepSetsTheAccumulation() {
    assertEquals(4, read("train.tokens-per-step=2048").accumulation());
  }

  @Test
  void reportsEveryBadKeyAtOnce() {
    ConfigError e = assertThrows(ConfigError.class, () -> read("train.tokens-per-step=1000",
        "train.block-size=128", "train.eval-rows=5", "train.model.preset=huge"));
    String message = e.getMessage();
    for (String key : List.of("train.tokens-per-step", "train.eval-rows", "train.model.preset")) {
      assertTrue(message.contains("'" + key + "'"), message);
    }
  }

  @Test
  void aBlockLongerThanTheModelsIsRefused() {
    ConfigError e = assertThrows(ConfigError.class, () -> read("train.block-size=128",
        "train.tokens-per-step=1024"));
    assertTrue(e.getMessage().contains("'train.block-size'"), e.getMessage());
  }

  @Test
  void theMemoryCeilingIsASizeAndZeroByDefault() {
    assertEquals(0, read().maxPhysicalBytes());
    assertEquals(12L << 30, read("train.memory.max-physical-bytes=12g").maxPhysicalBytes());
    ConfigError e = assertThrows(ConfigError.class, () -> read("train.memory.max-physical-bytes=lots"));
    assertTrue(e.getMessage().contains("'train.memory.max-physical-bytes'"), e.getMessage());
  }
}
