package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.MeasureSink;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.text.Punctuation;
import dev.pretrain.dedup.text.Strip;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gopher's quality heuristics (Rae et al. 2021, appendix A.1.1), checked in the order and with the
 * definitions of datatrove's {@code GopherQualityFilter}: word counts and mean word length over
 * non-symbol tokens (a token with at least one char outside {@link Punctuation}); bullets are
 * lines starting with "•" or "-" after leading spaces; stop words are matched case-sensitively.
 *
 * <p>One deliberate difference: the "#" and ellipsis ratios and the share of words with a letter
 * are taken over words (non-symbol tokens), as the paper defines them and as datatrove did before
 * it switched to all tokens. Over all tokens, every comma and period counts as a word without a
 * letter, and ordinary edited prose fails the 80% rule (23 of the 500 Brown corpus texts do, at
 * 0.73-0.80; over words they score 0.93-1.0).
 *
 * <p>As a step it applies the thresholds, stop words and word units of the document's language
 * ({@link ByLanguageSettings}). A language without stop words skips that rule, counted as
 * {@code gopher-quality.stop-words-skipped.<code>} for each document that reached it.
 */
public final class GopherQualityFilter implements DocumentFilter {
  public static final String NAME = "gopher-quality";

  private final PerLanguage<GopherQualitySettings> perLanguage;
  private final Map<GopherQualitySettings, StopWordSet> stopWords = new IdentityHashMap<>();

  /** The same settings for every document (no language's own). */
  public GopherQualityFilter(GopherQualitySettings settings) {
    this.perLanguage = PerLanguage.uniform(settings);
  }

  /** Each document by its language's settings. */
  public GopherQualityFilter(ByLanguageSettings byLanguage) {
    this.perLanguage = PerLanguage.of(byLanguage, LanguageProfile::gopherQuality);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict apply(DocumentText document) {
    return apply(document, perLanguage.unknown());
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    String language = document.lang();
    GopherQualitySettings s = perLanguage.settings(language);
    if (!s.enabled()) {
      return Optional.empty();
    }
    Verdict verdict = apply(document.view(perLanguage.units(language)), s, document.measures(NAME));
    if (verdict.kept()) {
      if (!s.hasStopWords() && s.minStopWords() > 0) {
        document.counters().add(NAME + ".stop-words-skipped" + (language == null ? "" : "." + language), 1);
      }
      return Optional.empty();
    }
    return Optional.of(Rejection.of(verdict.inLanguage(language)));
  }

  Verdict apply(DocumentText document, GopherQualitySettings settings) {
    return apply(document, settings, MeasureSink.NONE);
  }

  /**
   * What the step measures, in the order of {@code measured}'s indices: each value as the rule
   * that follows it compares it.
   */
  public static List<Measure> measures(ByLanguageSettings byLanguage) {
    GopherQualitySettings base = byLanguage.base().gopherQuality();
    Map<String, GopherQualitySettings> languages = new java.util.TreeMap<>();
    byLanguage.languages().forEach((code, profile) -> languages.put(code, profile.gopherQuality()));
    return List.of(
        measure("word-count", "words per document (without symbol tokens)", Measure.Scale.LOG, 1, 1e6,
            List.of("min-words", "max-words"), base, languages, s -> List.of((double) s.minWords(), (double) s.maxWords())),
        measure("mean-word-length", "mean word length (chars)", Measure.Scale.LINEAR, 0, 20,
            List.of("min-mean-word-length", "max-mean-word-length"), base, languages,
            s -> List.of(s.minMeanWordLength(), s.maxMeanWordLength())),
        measure("hash-word-ratio", "'#' per word", Measure.Scale.LINEAR, 0, 1, List.of("hash-word-ratio"), base,
            languages, s -> List.of(s.maxSymbolWordRatio())),
        measure("ellipsis-word-ratio", "ellipses per word", Measure.Scale.LINEAR, 0, 1, List.of("ellipsis-word-ratio"),
            base, languages, s -> List.of(s.maxSymbolWordRatio())),
        measure("bullet-lines", "share of lines starting with a bullet", Measure.Scale.LINEAR, 0, 1,
            List.of("bullet-lines"), base, languages, s -> List.of(s.maxBulletLines())),
        measure("ellipsis-lines", "share of lines ending with an ellipsis", Measure.Scale.LINEAR, 0, 1,
            List.of("ellipsis-lines"), base, languages, s -> List.of(s.maxEllipsisLines())),
        measure("alpha-words", "share of words with a letter", Measure.Scale.LINEAR, 0, 1, List.of("alpha-words"),
            base, languages, s -> List.of(s.minAlphaWords())),
        measure("stop-words", "stop words per document", Measure.Scale.LOG, 1, 1e5, List.of("stop-words"), base,
            languages, s -> s.hasStopWords() ? List.of((double) s.minStopWords()) : List.of()));
  }

  private static Measure measure(String name, String title, Measure.Scale scale, double low, double high,
      List<String> rules, GopherQualitySettings base, Map<String, GopherQualitySettings> languages,
      java.util.function.Function<GopherQualitySettings, List<Double>> thresholds) {
    return Measure.perLanguage(NAME, name, title, scale, low, high, rules, base, languages, thresholds);
  }

  /** @param measured receives the values of {@link #measures}, each before its rule decides */
  Verdict apply(DocumentText document, GopherQualitySettings settings, MeasureSink measured) {
    String text = document.text();
    char[] chars = document.chars();
    WordRanges words = document.wordRanges();
    int nonSymbolWords = 0;
    long nonSymbolChars = 0;
    for (int i = 0; i < words.size(); i++) {
      if (!Punctuation.isSymbolToken(chars, words.start(i), words.end(i))) {
        nonSymbolWords++;
        nonSymbolChars += words.length(i);
      }
    }
    measured.put(0, nonSymbolWords);
    if (nonSymbolWords < settings.minWords()) {
      return drop("min-words", nonSymbolWords);
    }
    if (nonSymbolWords > settings.maxWords()) {
      return drop("max-words", nonSymbolWords);
    }
    double meanLength = (double) nonSymbolChars / nonSymbolWords;
    measured.put(1, meanLength);
    if (meanLength < settings.minMeanWordLength()) {
      return drop("min-mean-word-length", meanLength);
    }
    if (meanLength > settings.maxMeanWordLength()) {
      return drop("max-mean-word-length", meanLength);
    }

    int nWords = nonSymbolWords;
    double hashRatio = (double) count(text, "#") / nWords;
    measured.put(2, hashRatio);
    if (hashRatio > settings.maxSymbolWordRatio()) {
      return drop("hash-word-ratio", hashRatio);
    }
    double ellipsisRatio = (double) (count(text, "...") + count(text, "\u2026")) / nWords;
    measured.put(3, ellipsisRatio);
    if (ellipsisRatio > settings.maxSymbolWordRatio()) {
      return drop("ellipsis-word-ratio", ellipsisRatio);
    }

    int[] lines = bulletAndEllipsisLines(chars);
    double bulletShare = lines[0] == 0 ? 0 : (double) lines[1] / lines[0];
    measured.put(4, bulletShare);
    if (bulletShare > settings.maxBulletLines()) {
      return drop("bullet-lines", bulletShare);
    }
    double ellipsisShare = lines[0] == 0 ? 0 : (double) lines[2] / lines[0];
    measured.put(5, ellipsisShare);
    if (ellipsisShare > settings.maxEllipsisLines()) {
      return drop("ellipsis-lines", ellipsisShare);
    }

    StopWordSet stopWords = this.stopWords.computeIfAbsent(settings, s -> new StopWordSet(s.stopWords()));
    int alphaWords = 0;
    int stop = 0;
    for (int i = 0; i < words.size(); i++) {
      int start = words.start(i);
      int end = words.end(i);
      if (hasLetter(chars, start, end)) {
        alphaWords++;
      }
      if (stopWords.contains(chars, start, end)) {
        stop++;
      }
    }
    double alphaShare = (double) alphaWords / nWords;
    measured.put(6, alphaShare);
    if (alphaShare < settings.minAlphaWords()) {
      return drop("alpha-words", alphaShare);
    }
    if (settings.hasStopWords()) {
      measured.put(7, stop);
    }
    if (settings.hasStopWords() && stop < settings.minStopWords()) {
      return drop("stop-words", stop);
    }
    return Verdict.keep();
  }

  private static Verdict drop(String rule, double value) {
    return Verdict.drop(NAME, rule, value);
  }

  /** Non-overlapping occurrences, as Python's {@code str.count}. */
  static int count(String text, String needle) {
    int n = 0;
    int from = 0;
    while ((from = text.indexOf(needle, from)) >= 0) {
      n++;
      from += needle.length();
    }
    return n;
  }

  /**
   * {lines, lines starting with a bullet, lines ending with an ellipsis} of the text's lines as
   * Python's {@code str.splitlines()} on \n, \r\n and \r (no empty line after a final line end), read
   * from the chars where they lie: a bullet is "•" or "-" after leading whitespace, an ellipsis
   * "..." or "…" before trailing whitespace ({@link Strip}).
   */
  static int[] bulletAndEllipsisLines(char[] chars) {
    int lines = 0;
    int bullets = 0;
    int ellipses = 0;
    int n = chars.length;
    int start = 0;
    while (start < n) {
      int end = start;
      while (end < n && chars[end] != '\n' && chars[end] != '\r') {
        end++;
      }
      lines++;
      int first = Strip.start(chars, start, end);
      if (first < end && (chars[first] == '\u2022' || chars[first] == '-')) {
        bullets++;
      }
      int last = Strip.end(chars, first, end);
      if (last > first && (chars[last - 1] == '\u2026'
          || (last - first >= 3 && chars[last - 1] == '.' && chars[last - 2] == '.' && chars[last - 3] == '.'))) {
        ellipses++;
      }
      if (end < n && chars[end] == '\r' && end + 1 < n && chars[end + 1] == '\n') {
        end++;
      }
      start = end + 1;
    }
    return new int[] {lines, bullets, ellipses};
  }

  private static boolean hasLetter(char[] chars, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isLetter(chars[i])) {
        return true;
      }
    }
    return false;
  }
}
