package dev.pretrain.dedup.filter;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;

/**
 * The {@code curate.filter} section: each quality filter's switch and thresholds (their order is
 * {@code dev.pretrain.dedup.job.CurateSteps}).
 *
 * @param enabled the master switch: false runs no filter, whatever each one's own switch says
 */
public record FilterSettings(
    boolean enabled,
    C4PageSettings c4Page,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    FineWebQualitySettings finewebQuality,
    LanguageSettings language) implements Serializable {

  public static FilterSettings read(SettingsReader r) {
    return new FilterSettings(r.bool("curate.filter.enabled"), C4PageSettings.read(r), GopherQualitySettings.read(r),
        GopherRepetitionSettings.read(r), FineWebQualitySettings.read(r), LanguageSettings.read(r));
  }

}
