package dev.pretrain.dedup.filter;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.classify.ClassifierSettings;
import java.util.List;

/**
 * The {@code curate.filter} section: each quality filter's switch and thresholds (their order is
 * {@code dev.pretrain.dedup.job.CurateSteps}).
 *
 * @param enabled the master switch: false runs no filter, whatever each one's own switch says
 * @param classifiers the model-based filters ({@code curate.filter.classifiers}), run in this order after the others
 */
public record FilterSettings(
    boolean enabled,
    C4PageSettings c4Page,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    FineWebQualitySettings finewebQuality,
    LanguageSettings language,
    List<ClassifierSettings> classifiers) implements Serializable {

  public FilterSettings {
    classifiers = List.copyOf(classifiers);
  }

  public static FilterSettings read(SettingsReader r) {
    return new FilterSettings(r.bool("curate.filter.enabled"), C4PageSettings.read(r), GopherQualitySettings.read(r),
        GopherRepetitionSettings.read(r), FineWebQualitySettings.read(r), LanguageSettings.read(r),
        ClassifierSettings.readAll(r));
  }

}
