package dev.pretrain.dedup.filter;

import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.classify.ClassifierSettings;
import java.io.Serializable;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code curate.filter} section: each quality filter's switch and thresholds (their order is
 * {@code dev.pretrain.dedup.job.CurateSteps}), and the settings of the language-dependent filters
 * per language.
 *
 * @param enabled the master switch: false runs no filter, whatever each one's own switch says
 * @param byLanguage the language-dependent filters' settings for each language (their own
 *     sections above are the base: English, or any document when language identification is off)
 * @param classifiers the model-based filters ({@code curate.filter.classifiers}), run in this order after the others
 */
public record FilterSettings(
    boolean enabled,
    C4PageSettings c4Page,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    FineWebQualitySettings finewebQuality,
    LanguageSettings language,
    ByLanguageSettings byLanguage,
    List<ClassifierSettings> classifiers) implements Serializable {

  public FilterSettings {
    classifiers = List.copyOf(classifiers);
  }

  public static FilterSettings read(SettingsReader r) {
    GopherQualitySettings gopherQuality = GopherQualitySettings.read(r);
    GopherRepetitionSettings gopherRepetition = GopherRepetitionSettings.read(r);
    FineWebQualitySettings finewebQuality = FineWebQualitySettings.read(r);
    LanguageProfile base = new LanguageProfile(WordUnits.SPACES, gopherQuality, gopherRepetition, finewebQuality);
    return new FilterSettings(r.bool("curate.filter.enabled"), C4PageSettings.read(r), gopherQuality,
        gopherRepetition, finewebQuality, LanguageSettings.read(r), ByLanguageSettings.read(r, base),
        ClassifierSettings.readAll(r));
  }

  /**
   * Whether a language-dependent filter runs for some language: its own switch, or a language's
   * (a filter off in its section can be on for one language, and the reverse).
   */
  public boolean runs(Predicate<LanguageProfile> enabled) {
    return enabled.test(byLanguage.base()) || byLanguage.languages().values().stream().anyMatch(enabled);
  }

}
