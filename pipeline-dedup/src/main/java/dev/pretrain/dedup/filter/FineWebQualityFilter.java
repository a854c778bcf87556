package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.minhash.Hash64;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.MeasureSink;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.text.Strip;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FineWeb's quality rules (Penedo et al. 2024, section 3.3), defined as datatrove's
 * {@code FineWebQualityFilter}: lines are the text split on "\n" (empty lines included) for the
 * punctuation and short-line shares; duplicate line chars count repeats of non-empty lines over
 * the text's length without newlines; the newline ratio is newlines per word token.
 *
 * <p>As a step it applies the thresholds, terminal punctuation and word units of the document's
 * language ({@link ByLanguageSettings}), as FineWeb-2 tunes {@code line_punct_thr} and the
 * newline ratio per language. A language without terminal punctuation (Thai) skips that rule,
 * counted as {@code fineweb-quality.terminal-punctuation-skipped.<code>}.
 */
public final class FineWebQualityFilter implements DocumentFilter {
  public static final String NAME = "fineweb-quality";

  private static final ThreadLocal<RepeatedRanges> SEEN = ThreadLocal.withInitial(RepeatedRanges::new);

  private final PerLanguage<FineWebQualitySettings> perLanguage;

  /** The same settings for every document (no language's own). */
  public FineWebQualityFilter(FineWebQualitySettings settings) {
    this.perLanguage = PerLanguage.uniform(settings);
  }

  /** Each document by its language's settings. */
  public FineWebQualityFilter(ByLanguageSettings byLanguage) {
    this.perLanguage = PerLanguage.of(byLanguage, LanguageProfile::finewebQuality);
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
    FineWebQualitySettings s = perLanguage.settings(language);
    if (!s.enabled()) {
      return Optional.empty();
    }
    if (!s.hasTerminalPunctuation()) {
      document.counters().add(NAME + ".terminal-punctuation-skipped" + (language == null ? "" : "." + language), 1);
    }
    Verdict verdict = apply(document.view(perLanguage.units(language)), s, document.measures(NAME));
    return verdict.kept() ? Optional.empty() : Optional.of(Rejection.of(verdict.inLanguage(language)));
  }

  Verdict apply(DocumentText document, FineWebQualitySettings settings) {
    return apply(document, settings, MeasureSink.NONE);
  }

  /** What the step measures, in the order of {@code measured}'s indices: each rule's value. */
  public static List<Measure> measures(ByLanguageSettings byLanguage) {
    FineWebQualitySettings base = byLanguage.base().finewebQuality();
    Map<String, FineWebQualitySettings> languages = new java.util.TreeMap<>();
    byLanguage.languages().forEach((code, profile) -> languages.put(code, profile.finewebQuality()));
    return List.of(
        Measure.perLanguage(NAME, "terminal-punctuation-lines", "share of lines ending in terminal punctuation",
            Measure.Scale.LINEAR, 0, 1, List.of("terminal-punctuation-lines"), base, languages,
            s -> s.hasTerminalPunctuation() ? List.of(s.minTerminalPunctuationLines()) : List.of()),
        Measure.perLanguage(NAME, "short-lines", "share of short lines", Measure.Scale.LINEAR, 0, 1,
            List.of("short-lines"), base, languages, s -> List.of(s.maxShortLines())),
        Measure.perLanguage(NAME, "duplicate-line-chars", "share of chars in repeated lines", Measure.Scale.LINEAR, 0,
            1, List.of("duplicate-line-chars"), base, languages, s -> List.of(s.maxDuplicateLineChars())),
        Measure.perLanguage(NAME, "newline-word-ratio", "newlines per word", Measure.Scale.LINEAR, 0, 2,
            List.of("newline-word-ratio"), base, languages, s -> List.of(s.maxNewlineWordRatio())));
  }

  /** @param measured receives the values of {@link #measures}, each before its rule decides */
  Verdict apply(DocumentText document, FineWebQualitySettings settings, MeasureSink measured) {
    String text = document.text();
    char[] chars = document.chars();
    String stops = settings.terminalPunctuation();
    int lines = 0;
    int terminal = 0;
    int shortLines = 0;
    // The lines of split("\n"), empty ones included, read where they lie in the chars.
    for (int start = 0, end; start <= chars.length; start = end + 1) {
      end = lineEnd(chars, start);
      lines++;
      if (end > start && stops.indexOf(chars[end - 1]) >= 0) {
        terminal++;
      }
      if (end - start <= settings.shortLineLength()) {
        shortLines++;
      }
    }
    double terminalShare = (double) terminal / lines;
    if (settings.hasTerminalPunctuation()) {
      measured.put(0, terminalShare);
    }
    if (settings.hasTerminalPunctuation() && terminalShare <= settings.minTerminalPunctuationLines()) {
      return drop("terminal-punctuation-lines", terminalShare);
    }
    double shortShare = (double) shortLines / lines;
    measured.put(1, shortShare);
    if (shortShare >= settings.maxShortLines()) {
      return drop("short-lines", shortShare);
    }
    int newlines = lines - 1;
    int charsWithoutNewlines = text.length() - newlines;
    double dupChars = charsWithoutNewlines == 0
        ? 0 : (double) repeatedLineChars(chars, lines, SEEN.get()) / charsWithoutNewlines;
    measured.put(2, dupChars);
    if (dupChars >= settings.maxDuplicateLineChars()) {
      return drop("duplicate-line-chars", dupChars);
    }
    int words = document.wordRanges().size();
    double newlineRatio = (double) newlines / Math.max(1, words);
    measured.put(3, newlineRatio);
    if (newlineRatio > settings.maxNewlineWordRatio()) {
      return drop("newline-word-ratio", newlineRatio);
    }
    return Verdict.keep();
  }

  /**
   * The chars of the non-blank lines (split on "\n"; blank: nothing left by {@link Strip}) that
   * repeat an earlier non-blank line (datatrove's find_duplicates), found by range
   * ({@link RepeatedRanges}).
   */
  static long repeatedLineChars(char[] chars, int lines, RepeatedRanges seen) {
    seen.clear(chars, lines);
    long repeated = 0;
    for (int start = 0, end; start <= chars.length; start = end + 1) {
      end = lineEnd(chars, start);
      if (Strip.start(chars, start, end) < end && seen.repeats(Hash64.chars(chars, start, end - start, 0), start, end)) {
        repeated += end - start;
      }
    }
    return repeated;
  }

  private static int lineEnd(char[] chars, int start) {
    int end = start;
    while (end < chars.length && chars[end] != '\n') {
      end++;
    }
    return end;
  }

  private static Verdict drop(String rule, double value) {
    return Verdict.drop(NAME, rule, value);
  }
}
