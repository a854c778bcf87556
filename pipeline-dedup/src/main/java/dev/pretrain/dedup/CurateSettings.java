package dev.pretrain.dedup;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.clean.CleanSettings;
import dev.pretrain.dedup.filter.FilterSettings;
import dev.pretrain.dedup.minhash.MinHashSettings;
import java.util.List;
import java.util.Set;

/**
 * The per-document part of the {@code curate} section (see this module's reference.conf): cleaning
 * steps, quality filters and MinHash banding, read once at start.
 */
public record CurateSettings(CleanSettings clean, FilterSettings filter, MinHashSettings minhash) {

  /** The {@code curate} section; it has no free-form maps. */
  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("curate"), Set.of());

  public static CurateSettings read(SettingsReader r) {
    return new CurateSettings(CleanSettings.read(r), FilterSettings.read(r), MinHashSettings.read(r));
  }
}
