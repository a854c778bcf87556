package dev.pretrain.dedup.testing;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import java.util.List;
import java.util.Optional;

/** The curate settings of reference.conf (the only place defaults are written), with overrides. */
public final class ReferenceConf {
  private ReferenceConf() {}

  /** @param sets {@code key=value} overrides, as {@code --set} takes them */
  public static CurateSettings curate(String... sets) {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return settings;
  }
}
