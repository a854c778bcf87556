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
 * @param stopWords the stop words ("the, be, to, of, and, that, have, with")
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

  /** The published defaults. */

  public static GopherQualitySettings read(SettingsReader r) {
    String p = "curate.filter.gopher-quality.";
    GopherQualitySettings s = new GopherQualitySettings(
        r.bool(p + "enabled"),
        r.intIn(p + "min-words", 0, Integer.MAX_VALUE),
        r.intIn(p + "max-words", 1, Integer.MAX_VALUE),
        r.doubleIn(p + "min-mean-word-length", 0, 1000),
        r.doubleIn(p + "max-mean-word-length", 0, 1000),
        r.doubleIn(p + "max-symbol-word-ratio", 0, 1000),
        r.doubleIn(p + "max-bullet-lines", 0, 1),
        r.doubleIn(p + "max-ellipsis-lines", 0, 1),
        r.doubleIn(p + "min-alpha-words", 0, 1),
        r.intIn(p + "min-stop-words", 0, Integer.MAX_VALUE),
        r.stringList(p + "stop-words"));
    r.check(s.minWords <= s.maxWords, p + "max-words", "be at least min-words");
    r.check(s.minMeanWordLength <= s.maxMeanWordLength, p + "max-mean-word-length",
        "be at least min-mean-word-length");
    return s;
  }
}
