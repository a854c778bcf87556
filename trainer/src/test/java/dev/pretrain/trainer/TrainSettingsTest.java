package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.trainer.distributed.DilocoSettings;
import dev.pretrain.trainer.model.GptConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

  private static TrainSettings read(String... sets) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), TrainSettings.SCHEMA).reader();
    TrainSettings settings = TrainSettings.read(reader);
    reader.finish();
    return settings;
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

  @Test
  void theTrainAndDilocoSectionsReportTheirProblemsTogether() {
    SettingsReader reader = ConfigLayers.load(Optional.empty(),
        List.of("train.weight-decay=-1", "train.diloco.tree-depth=0"),
        TrainSettings.SCHEMA).reader();
    TrainSettings.read(reader);
    DilocoSettings.read(reader);
    List<String> problems = assertThrows(ConfigError.class, reader::finish).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("'train.weight-decay'")
        && problems.get(1).startsWith("'train.diloco.tree-depth'"),
        problems.toString());
  }

  @Test
  void aCustomSizeUnderANamedPresetIsAnErrorNamingBothKeys() {
    ConfigError e = assertThrows(ConfigError.class, () -> read("train.model.preset=small",
        "train.model.custom.n-layer=6"));
    assertTrue(e.getMessage().contains("'train.model.custom.n-layer' is set explicitly but preset 'small'"
        + " (train.model.preset) decides it; set train.model.preset = custom or remove train.model.custom.n-layer"),
        e.getMessage());
  }

  @Test
  void theCustomPresetTakesTheSizesAndTheDefaultsNeedNone() {
    assertEquals(GptConfig.of(512, 64, 6, 4, 128, true), read("train.model.preset=custom",
        "train.model.custom.n-layer=6").model());
    // What a run's config.conf holds for a named preset: every custom key at its default.
    assertEquals(GptConfig.preset("small"), read("train.model.preset=small", "train.model.custom.n-layer=2",
        "train.model.custom.bias=true").model());
  }

  @Test
  void samplingIsOffByDefaultAndReadsItsPromptsAndDecoding() {
    assertEquals(TrainSettings.Samples.NONE, read().samples());
    assertTrue(!read().samples().enabled());
    TrainSettings.Samples s = read("train.sample-prompts=[\"Once upon\", \"The \"]", "train.sample-tokens=16",
        "train.sample-temperature=0", "train.sample-top-k=5", "train.sample-seed=9").samples();
    assertEquals(new TrainSettings.Samples(List.of("Once upon", "The "), 16, 0, 5, 9), s);
    assertTrue(s.enabled());
  }

  @Test
  void badSampleSettingsAreRefusedNamingEachKey() {
    List<String> problems = assertThrows(ConfigError.class, () -> read("train.sample-tokens=0",
        "train.sample-temperature=-1", "train.sample-top-k=0", "train.sample-seed=x")).problems();
    List<String> keys = List.of("train.sample-tokens", "train.sample-temperature", "train.sample-top-k",
        "train.sample-seed");
    assertEquals(keys.size(), problems.size(), problems.toString());
    for (int i = 0; i < keys.size(); i++) {
      assertTrue(problems.get(i).startsWith("'" + keys.get(i) + "'"), problems.toString());
    }
  }

  @Test
  void samplePromptsMustBeAListOfNonEmptyStrings() {
    for (String bad : List.of("train.sample-prompts=hello", "train.sample-prompts=[\"\"]",
        "train.sample-prompts=[" + "\"a\",".repeat(33) + "]")) {
      ConfigError e = assertThrows(ConfigError.class, () -> read(bad), bad);
      assertTrue(e.getMessage().contains("'train.sample-prompts'"), e.getMessage());
    }
  }
}
