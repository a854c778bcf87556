package dev.pretrain.dedup.filter;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import java.util.Locale;

/** Lingua's most likely language (its detector is shared per JVM, see {@link LanguageDetectors}). */
final class LinguaChunkLanguage implements ChunkLanguage {
  private final LanguageDetector detector;

  LinguaChunkLanguage(LanguageSettings settings) {
    detector = LanguageDetectors.get(settings);
  }

  @Override
  public String of(String chunk) {
    Language found = detector.detectLanguageOf(chunk);
    return found == Language.UNKNOWN ? null : code(found);
  }

  static String code(Language language) {
    return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }
}
