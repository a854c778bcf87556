package dev.pretrain.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;

/**
 * A preset key and the keys its presets decide, so that a preset never silently wins over a key the
 * user set: while the preset is anything but {@code custom}, each decided key set to a value other
 * than its {@code reference.conf} default is a config problem naming both keys (the rule every
 * {@code reference.conf} that has a preset states beside it). Comparing with the default rather than
 * asking where a value came from keeps a run's own rendered settings (which repeat every key at its
 * value, defaults included) valid as a layer.
 *
 * <p>Usage, in a settings record's {@code read}: {@code MODEL_PRESET.check(reader)} with
 * {@code new PresetKeys("train.model.preset", "custom", List.of("train.model.custom.n-layer", ...))}.
 *
 * @param presetKey the key that names the preset, e.g. {@code train.model.preset}
 * @param custom    the preset value under which the decided keys are read, e.g. {@code custom}
 * @param decided   the keys the other presets decide
 */
public record PresetKeys(String presetKey, String custom, List<String> decided) {

  public PresetKeys {
    decided = List.copyOf(decided);
  }

  /**
   * Records a problem in {@code reader} for each decided key set away from its default while the
   * preset is not {@link #custom}; reads nothing else, and records nothing when the preset key itself
   * is missing or not a string (the settings' own read reports that).
   */
  public void check(SettingsReader reader) {
    check(reader, ConfigFactory.defaultReferenceUnresolved().resolve());
  }

  /** As {@link #check(SettingsReader)}, against the given defaults instead of {@code reference.conf}. */
  void check(SettingsReader reader, Config defaults) {
    Config config = reader.config();
    Optional<String> preset = stringAt(config, presetKey);
    if (preset.isEmpty() || preset.get().equals(custom)) {
      return;
    }
    for (String key : decided) {
      if (setAwayFromDefault(config, defaults, key)) {
        reader.check(false, key, "is set explicitly but preset '" + preset.get() + "' (" + presetKey
            + ") decides it; set " + presetKey + " = " + custom + " or remove " + key);
      }
    }
  }

  private static boolean setAwayFromDefault(Config config, Config defaults, String key) {
    if (!config.hasPath(key)) {
      return false;
    }
    if (!defaults.hasPath(key)) {
      return true;
    }
    Object value = config.getValue(key).unwrapped();
    Object byDefault = defaults.getValue(key).unwrapped();
    // 64 and 64.0 are one size, however a layer spelled it.
    if (value instanceof Number a && byDefault instanceof Number b) {
      return a.doubleValue() != b.doubleValue();
    }
    return !value.equals(byDefault);
  }

  private static Optional<String> stringAt(Config config, String key) {
    try {
      return config.hasPath(key) ? Optional.of(config.getString(key)) : Optional.empty();
    } catch (com.typesafe.config.ConfigException e) {
      return Optional.empty();
    }
  }
}
