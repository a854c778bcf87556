package dev.pretrain.dedup.filter;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Lingua detector per JVM and configuration. Loading the models takes seconds and hundreds
 * of MB, so an executor builds each detector once, on first use, and every task of that JVM
 * shares it. The models are preloaded while the detector is built (under the map's lock), so
 * concurrent tasks only ever read them.
 */
final class LanguageDetectors {
  private LanguageDetectors() {}

  private record Key(Set<Language> languages, LanguageSettings.Accuracy accuracy) {}

  private static final Map<Key, LanguageDetector> DETECTORS = new ConcurrentHashMap<>();

  static LanguageDetector get(LanguageSettings settings) {
    return DETECTORS.computeIfAbsent(new Key(settings.candidates(), settings.accuracy()), key -> {
      LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(key.languages().toArray(new Language[0]))
          .withPreloadedLanguageModels();
      if (key.accuracy() == LanguageSettings.Accuracy.LOW) {
        builder = builder.withLowAccuracyMode();
      }
      return builder.build();
    });
  }
}
