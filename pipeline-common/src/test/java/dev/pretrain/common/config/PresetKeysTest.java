package dev.pretrain.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetKeysTest {

  private static final Config DEFAULTS =
      ConfigFactory.parseString("m { preset = small, custom { layers = 2, width = 64 } }");
  private static final PresetKeys MODEL =
      new PresetKeys("m.preset", "custom", List.of("m.custom.layers", "m.custom.width"));

  private static SettingsReader check(String user) {
    SettingsReader reader =
        new SettingsReader(ConfigFactory.parseString(user).withFallback(DEFAULTS).resolve(), List.of());
    MODEL.check(reader, DEFAULTS);
    return reader;
  }

  @Test
  void aDecidedKeySetUnderAnotherPresetIsAProblemNamingBothKeys() {
    List<String> problems = assertThrows(ConfigError.class, check("m.custom.layers = 4, m.custom.width = 128")::finish)
        .problems();
    assertEquals(List.of(
        "'m.custom.layers' is set explicitly but preset 'small' (m.preset) decides it; set m.preset = custom or"
            + " remove m.custom.layers, got 4 (String: 1)",
        "'m.custom.width' is set explicitly but preset 'small' (m.preset) decides it; set m.preset = custom or"
            + " remove m.custom.width, got 128 (String: 1)"), problems);
  }

  @Test
  void theCustomPresetReadsTheKeys() {
    check("m.preset = custom, m.custom.layers = 4").finish();
  }

  @Test
  void defaultsAndKeysRepeatedAtTheirDefaultValuesAreFine() {
    check("").finish();
    // A run's rendered settings repeat every key; 64.0 is the default 64 spelled otherwise.
    check("m.preset = small, m.custom.layers = 2, m.custom.width = 64.0").finish();
  }

  @Test
  void aMissingOrMistypedPresetIsLeftToTheSettingsOwnRead() {
    SettingsReader reader = new SettingsReader(ConfigFactory.parseString("m.preset = [1], m.custom.layers = 4")
        .resolve(), List.of());
    MODEL.check(reader, DEFAULTS);
    reader.finish();
  }
}
