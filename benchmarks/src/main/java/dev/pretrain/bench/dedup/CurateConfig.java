package dev.pretrain.bench.dedup;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import java.util.List;
import java.util.Optional;

/**
 * The curate settings a bench measures, read as the job reads them: the modules' reference.conf
 * plus {@code key=value} overrides (a bench's {@code --set}), validated. Benches take their
 * defaults from here rather than typing them in, so they measure what the job runs.
 */
final class CurateConfig {
  private CurateConfig() {}

  /** The job's defaults, read once per JVM (shingle sets are built per Spark task and group). */
  private static final class Defaults {
    static final CurateSettings SETTINGS = read(List.of());
  }

  static CurateSettings defaults() {
    return Defaults.SETTINGS;
  }

  static CurateSettings read(List<String> overrides) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), overrides, CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return settings;
  }
}
