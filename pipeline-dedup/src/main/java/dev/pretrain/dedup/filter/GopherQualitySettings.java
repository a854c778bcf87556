package dev.pretrain.dedup.filter;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;

/**
 * Thresholds of the Gopher quality rules (Rae et al. 2021, "Scaling Language Models", appendix
 * A.1.1), with the defaults of datatrove's {@code GopherQualityFilter}.
 *
 * @param enabled whether the filter runs
 * @param minWords fewest non-symbol words (50)
 * @param maxWords most non-symbol words (100,000)
 * @param minMeanWordLength shortest mean word length in chars (3)
 * @param maxMeanWordLength longest mean word length in chars (10)
 * @param maxSymbolWordRatio most "#" per word, and most "..."/"…" per word (0.1)
 * @param maxBulletLines largest share of lines starting with a bullet (0.9)
 * @param maxEllipsisLines largest share of lines ending with an ellipsis (0.3)
 * @param minAlphaWords smallest share of words with an alphabetic character (0.8)
 * @param minStopWords fewest stop-word occurrences (2)
 * @param stopWords the stop words ("the, be, to, of, and, that, have, with": English's; other
 *     languages have their own, and an empty list means none, so the rule is skipped)
 */
public record GopherQualitySettings(
    boolean enabled,
    int minWords,
    int maxWords,
    double minMeanWordLength,
    double maxMeanWordLength,
    double maxSymbolWordRatio,
    double maxBulletLines,
    double maxEllipsisLines,
    double minAlphaWords,
    int minStopWords,
    List<String> stopWords) implements Serializable {

  public GopherQualitySettings {
    stopWords = List.copyOf(stopWords);
  }

  /** The {@code curate.filter.gopher-quality} section. */
  public static GopherQualitySettings read(SettingsReader r) {
    Section<GopherQualitySettings> section = Section.of(r, "curate.filter.gopher-quality");
    return read(section);
  }

  /** The filter's section, or one language's overrides of it (see {@link Section}). */
  static GopherQualitySettings read(Section<GopherQualitySettings> s) {
    SettingsReader r = s.reader();
    GopherQualitySettings read = new GopherQualitySettings(
        s.get("enabled", r::bool, GopherQualitySettings::enabled),
        s.get("min-words", p -> r.intIn(p, 0, Integer.MAX_VALUE), GopherQualitySettings::minWords),
        s.get("max-words", p -> r.intIn(p, 1, Integer.MAX_VALUE), GopherQualitySettings::maxWords),
        s.get("min-mean-word-length", p -> r.doubleIn(p, 0, 1000), GopherQualitySettings::minMeanWordLength),
        s.get("max-mean-word-length", p -> r.doubleIn(p, 0, 1000), GopherQualitySettings::maxMeanWordLength),
        s.get("max-symbol-word-ratio", p -> r.doubleIn(p, 0, 1000), GopherQualitySettings::maxSymbolWordRatio),
        s.get("max-bullet-lines", p -> r.doubleIn(p, 0, 1), GopherQualitySettings::maxBulletLines),
        s.get("max-ellipsis-lines", p -> r.doubleIn(p, 0, 1), GopherQualitySettings::maxEllipsisLines),
        s.get("min-alpha-words", p -> r.doubleIn(p, 0, 1), GopherQualitySettings::minAlphaWords),
        s.get("min-stop-words", p -> r.intIn(p, 0, Integer.MAX_VALUE), GopherQualitySettings::minStopWords),
        s.get("stop-words", r::stringList, GopherQualitySettings::stopWords));
    s.check(read.minWords <= read.maxWords, "max-words", "min-words", "be at least min-words");
    s.check(read.minMeanWordLength <= read.maxMeanWordLength, "max-mean-word-length", "min-mean-word-length",
        "be at least min-mean-word-length");
    return read;
  }

  /** These settings for a language that has no stop-word list of its own: the stop-word rule is skipped. */
  GopherQualitySettings withoutStopWords() {
    return new GopherQualitySettings(enabled, minWords, maxWords, minMeanWordLength, maxMeanWordLength,
        maxSymbolWordRatio, maxBulletLines, maxEllipsisLines, minAlphaWords, minStopWords, List.of());
  }

  /** Whether the stop-word rule applies: an empty list means the language has none, and the rule is skipped. */
  boolean hasStopWords() {
    return !stopWords.isEmpty();
  }
}
