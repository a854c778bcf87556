package dev.pretrain.dedup.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtractSettingsTest {
  private static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), new ConfigSchema(List.of("curate"), Set.of())).reader();
  }

  @Test
  void referenceConfHoldsTheDefaults() {
    SettingsReader r = reader();
    ExtractSettings s = ExtractSettings.read(r);
    assertEquals(ExtractSettings.DEFAULTS, s);
  }

  @Test
  void readsTheKeysUnderCurateExtract() {
    SettingsReader r = reader("curate.extract.mode=full", "curate.extract.min-main-chars=50",
        "curate.extract.max-markup-chars=1000", "curate.extract.max-elements=20");
    ExtractSettings s = ExtractSettings.read(r);
    r.finish();
    assertEquals(new ExtractSettings(ExtractSettings.Mode.FULL, 50, 1000, 20), s);
  }

  @Test
  void aBadModeAndABadBudgetAreReportedTogether() {
    SettingsReader r = reader("curate.extract.mode=everything", "curate.extract.min-main-chars=100",
        "curate.extract.max-markup-chars=0", "curate.extract.max-elements=20");
    ExtractSettings.read(r);
    ConfigError e = assertThrows(ConfigError.class, r::finish);
    assertTrue(e.getMessage().contains("curate.extract.mode") && e.getMessage().contains("main, full, off"), e.getMessage());
    assertTrue(e.getMessage().contains("curate.extract.max-markup-chars"), e.getMessage());
  }
}
