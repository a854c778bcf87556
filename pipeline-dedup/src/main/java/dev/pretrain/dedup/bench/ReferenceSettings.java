package dev.pretrain.dedup.bench;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import java.util.List;
import java.util.Optional;

/** The curate settings of reference.conf alone (the job's defaults), read as the job reads them. */
final class ReferenceSettings {
  private ReferenceSettings() {}

  static CurateSettings curate() {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(), CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return settings;
  }
}
