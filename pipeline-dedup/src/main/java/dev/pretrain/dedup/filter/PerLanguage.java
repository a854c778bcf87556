package dev.pretrain.dedup.filter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One filter's settings and word units for each language it meets, looked up once per language
 * (a filter instance serves one thread, so a plain map).
 *
 * @param <S> the filter's settings record
 */
final class PerLanguage<S> {
  private final Function<String, S> settings;
  private final Function<String, WordUnits> units;
  private final S unknown;
  private final WordUnits unknownUnits;
  private final Map<String, S> settingsByLanguage = new HashMap<>();
  private final Map<String, WordUnits> unitsByLanguage = new HashMap<>();

  private PerLanguage(Function<String, S> settings, Function<String, WordUnits> units) {
    this.settings = settings;
    this.units = units;
    this.unknown = settings.apply(null);
    this.unknownUnits = units.apply(null);
  }

  /** The filter's part of each language's profile. */
  static <S> PerLanguage<S> of(ByLanguageSettings byLanguage, Function<LanguageProfile, S> part) {
    return new PerLanguage<>(language -> part.apply(byLanguage.of(language)),
        language -> byLanguage.of(language).wordUnits());
  }

  /** The same settings, and words between spaces, whatever the language. */
  static <S> PerLanguage<S> uniform(S settings) {
    return new PerLanguage<>(language -> settings, language -> WordUnits.SPACES);
  }

  /** The settings for documents in {@code language}; null when it is not known. */
  S settings(String language) {
    return language == null ? unknown : settingsByLanguage.computeIfAbsent(language, settings);
  }

  WordUnits units(String language) {
    return language == null ? unknownUnits : unitsByLanguage.computeIfAbsent(language, units);
  }

  /** The settings of documents whose language is not known. */
  S unknown() {
    return unknown;
  }
}
