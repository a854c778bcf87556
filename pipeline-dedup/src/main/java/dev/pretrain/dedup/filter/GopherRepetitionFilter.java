package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.minhash.Hash64;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.MeasureSink;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.text.Strip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gopher's repetition rules (Rae et al. 2021, Table A1) with the definitions of datatrove's
 * {@code GopherRepetitionFilter}:
 * <ul>
 *   <li>paragraphs are the stripped text split on two or more newlines, lines the text split on one
 *       or more; a duplicate is every occurrence after the first, its chars counted once per
 *       repeat; char fractions are over the whole text's length;
 *   <li>top n-gram (n = 2..4): the most frequent n-gram (first seen wins ties), its length with
 *       single spaces between words times its count;
 *   <li>duplicated n-grams (n = 5..10): scan left to right; an n-gram seen before adds its words'
 *       chars (no spaces, as datatrove's newer {@code find_all_duplicate}) and the scan jumps n
 *       words, so overlapping repeats are not counted twice.
 * </ul>
 * Lengths are UTF-16 chars (Python counts code points; they differ only outside the BMP).
 *
 * <p>As a step it applies the thresholds and word units of the document's language
 * ({@link ByLanguageSettings}); FineWeb-2 tunes these fractions per language. Where words are
 * characters ({@link WordUnits#CHARACTERS}) a top n-gram's length counts no spaces between its
 * units, as the text has none.
 */
public final class GopherRepetitionFilter implements DocumentFilter {
  public static final String NAME = "gopher-repetition";

  private static final ThreadLocal<NGramCounts> COUNTS = ThreadLocal.withInitial(NGramCounts::new);
  private static final ThreadLocal<RepeatedRanges> SEEN = ThreadLocal.withInitial(RepeatedRanges::new);

  private final PerLanguage<GopherRepetitionSettings> perLanguage;

  /** The same settings for every document (no language's own). */
  public GopherRepetitionFilter(GopherRepetitionSettings settings) {
    this.perLanguage = PerLanguage.uniform(settings);
  }

  /** Each document by its language's settings. */
  public GopherRepetitionFilter(ByLanguageSettings byLanguage) {
    this.perLanguage = PerLanguage.of(byLanguage, LanguageProfile::gopherRepetition);
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
    GopherRepetitionSettings s = perLanguage.settings(language);
    if (!s.enabled()) {
      return Optional.empty();
    }
    Verdict verdict = apply(document.view(perLanguage.units(language)), s, document.measures(NAME));
    return verdict.kept() ? Optional.empty() : Optional.of(Rejection.of(verdict.inLanguage(language)));
  }

  Verdict apply(DocumentText document, GopherRepetitionSettings settings) {
    return apply(document, settings, MeasureSink.NONE);
  }

  /** What the step measures, in the order of {@code measured}'s indices: each rule's value. */
  public static List<Measure> measures(ByLanguageSettings byLanguage) {
    GopherRepetitionSettings base = byLanguage.base().gopherRepetition();
    Map<String, GopherRepetitionSettings> languages = new java.util.TreeMap<>();
    byLanguage.languages().forEach((code, profile) -> languages.put(code, profile.gopherRepetition()));
    List<Measure> out = new ArrayList<>();
    out.add(fraction("dup-para-frac", "share of paragraphs that repeat an earlier one", base, languages,
        s -> s.dupParaFrac()));
    out.add(fraction("dup-para-char-frac", "share of chars in repeated paragraphs", base, languages,
        s -> s.dupParaCharFrac()));
    out.add(fraction("dup-line-frac", "share of lines that repeat an earlier one", base, languages,
        s -> s.dupLineFrac()));
    out.add(fraction("dup-line-char-frac", "share of chars in repeated lines", base, languages,
        s -> s.dupLineCharFrac()));
    for (int i = 0; i < 3; i++) {
      int n = GopherRepetitionSettings.FIRST_TOP_N + i;
      int at = i;
      out.add(fraction("top-" + n + "-gram-char-frac", "share of chars in the most frequent " + n + "-gram", base,
          languages, s -> s.topNGramCharFrac().get(at)));
    }
    for (int i = 0; i < 6; i++) {
      int n = GopherRepetitionSettings.FIRST_DUP_N + i;
      int at = i;
      out.add(fraction("dup-" + n + "-gram-char-frac", "share of chars in repeated " + n + "-grams", base, languages,
          s -> s.dupNGramCharFrac().get(at)));
    }
    return List.copyOf(out);
  }

  private static Measure fraction(String rule, String title, GopherRepetitionSettings base,
      Map<String, GopherRepetitionSettings> languages, java.util.function.ToDoubleFunction<GopherRepetitionSettings> threshold) {
    return Measure.perLanguage(NAME, rule, title, Measure.Scale.LINEAR, 0, 1, List.of(rule), base, languages,
        s -> List.of(threshold.applyAsDouble(s)));
  }

  /** @param measured receives the values of {@link #measures}, each before its rule decides */
  Verdict apply(DocumentText document, GopherRepetitionSettings settings, MeasureSink measured) {
    String text = document.text();
    if (text.isEmpty()) {
      return Verdict.keep();
    }
    double length = text.length();
    char[] content = document.chars();
    RepeatedRanges seen = SEEN.get();
    int from = Strip.start(content, 0, content.length);
    int to = Strip.end(content, from, content.length);
    long[] para = duplicates(content, from, to, 2, seen);
    measured.put(0, para[0] / (double) para[2]);
    measured.put(1, para[1] / length);
    if (para[0] / (double) para[2] > settings.dupParaFrac()) {
      return drop("dup-para-frac", para[0] / (double) para[2]);
    }
    if (para[1] / length > settings.dupParaCharFrac()) {
      return drop("dup-para-char-frac", para[1] / length);
    }
    long[] line = duplicates(content, 0, content.length, 1, seen);
    measured.put(2, line[0] / (double) line[2]);
    measured.put(3, line[1] / length);
    if (line[0] / (double) line[2] > settings.dupLineFrac()) {
      return drop("dup-line-frac", line[0] / (double) line[2]);
    }
    if (line[1] / length > settings.dupLineCharFrac()) {
      return drop("dup-line-char-frac", line[1] / length);
    }

    WordIds words = WordIds.of(document);
    int space = document.units() == WordUnits.SPACES ? 1 : 0;
    List<Double> top = settings.topNGramCharFrac();
    for (int i = 0; i < top.size(); i++) {
      int n = GopherRepetitionSettings.FIRST_TOP_N + i;
      double frac = topNGramChars(words, n, space) / length;
      measured.put(4 + i, frac);
      if (frac > top.get(i)) {
        return drop("top-" + n + "-gram-char-frac", frac);
      }
    }
    List<Double> dup = settings.dupNGramCharFrac();
    for (int i = 0; i < dup.size(); i++) {
      int n = GopherRepetitionSettings.FIRST_DUP_N + i;
      long chars = duplicatedNGramChars(words, n);
      measured.put(7 + i, chars / length);
      if (chars / length > dup.get(i)) {
        return drop("dup-" + n + "-gram-char-frac", chars / length);
      }
      if (chars == 0) {
        // No n-gram repeats, so no longer one can (it would contain a repeated n-gram).
        for (int longer = i + 1; longer < dup.size(); longer++) {
          measured.put(7 + longer, 0);
        }
        break;
      }
    }
    return Verdict.keep();
  }

  private static Verdict drop(String rule, double value) {
    return Verdict.drop(NAME, rule, value);
  }

  /**
   * {count, chars, pieces} of the pieces of {@code chars[from, to)} between runs of at least
   * {@code minRun} newlines ({@code split("\n{minRun,}", -1)}, empty pieces included) that repeat an
   * earlier piece (datatrove's find_duplicates), each piece found by its chars' range.
   */
  static long[] duplicates(char[] chars, int from, int to, int minRun, RepeatedRanges seen) {
    int newlines = 0;
    for (int i = from; i < to; i++) {
      if (chars[i] == '\n') {
        newlines++;
      }
    }
    seen.clear(chars, newlines + 1);
    long count = 0;
    long repeated = 0;
    long pieces = 0;
    int start = from;
    int i = from;
    while (true) {
      while (i < to && chars[i] != '\n') {
        i++;
      }
      int run = i;
      while (run < to && chars[run] == '\n') {
        run++;
      }
      // The last piece ends at `to`; a newline run shorter than minRun stays inside its piece.
      if (i == to || run - i >= minRun) {
        pieces++;
        if (seen.repeats(Hash64.chars(chars, start, i - start, 0), start, i)) {
          count++;
          repeated += i - start;
        }
        if (i == to) {
          break;
        }
        start = run;
      }
      i = run;
    }
    return new long[] {count, repeated, pieces};
  }

  /** The chars of the most frequent n-gram, with {@code space} chars between its words, times its count. */
  static long topNGramChars(WordIds words, int n, int space) {
    int grams = words.size() - n + 1;
    if (grams <= 0) {
      return 0;
    }
    NGramCounts counts = COUNTS.get();
    counts.clear(grams);
    long[] keys = words.keys(n);
    for (int i = 0; i < grams; i++) {
      counts.add(keys[i], i);
    }
    long[] best = counts.mostFrequent();
    return (words.chars((int) best[1], n) + (long) (n - 1) * space) * best[0];
  }

  static long duplicatedNGramChars(WordIds words, int n) {
    int grams = words.size() - n + 1;
    if (grams <= 0) {
      return 0;
    }
    NGramCounts seen = COUNTS.get();
    seen.clear(grams);
    long[] keys = words.keys(n);
    long chars = 0;
    int i = 0;
    while (i < grams) {
      if (seen.add(keys[i], i) > 0) {
        chars += words.chars(i, n);
        i += n;
      } else {
        i++;
      }
    }
    return chars;
  }

  /**
   * Words as random-looking 64-bit codes (a {@code Hash64} of each word's chars, so equal words
   * get equal codes) with their lengths. An n-gram's key is Σ code_j · B^j mod 2^64 with an odd
   * B: two different n-grams collide only if that sum of hash differences vanishes, about 2^-64.
   */
  static final class WordIds {
    private static final long BASE = 0x9E3779B97F4A7C15L;
    private final long[] codes;
    private final int[] lengths;
    /** The keys of every n-gram for n = {@code gramN}, extended in place to n + 1 on demand. */
    private final long[] gramKeys;
    private int gramN;

    private WordIds(long[] codes, int[] lengths) {
      this.codes = codes;
      this.lengths = lengths;
      this.gramKeys = codes.clone();
      this.gramN = 1;
    }

    /** The document's words ({@link DocumentText#wordRanges}), each hashed where it lies in its chars. */
    static WordIds of(DocumentText document) {
      char[] chars = document.chars();
      WordRanges words = document.wordRanges();
      long[] codes = new long[words.size()];
      int[] lengths = new int[words.size()];
      for (int i = 0; i < codes.length; i++) {
        int start = words.start(i);
        int length = words.length(i);
        codes[i] = Hash64.chars(chars, start, length, 0);
        lengths[i] = length;
      }
      return new WordIds(codes, lengths);
    }

    int size() {
      return codes.length;
    }

    /**
     * The key of the n-gram at each start position (entries past size - n are stale). The filter
     * asks for n = 2, 3, ... in order, so each call extends the previous keys by one word.
     */
    long[] keys(int n) {
      if (n < gramN) {
        System.arraycopy(codes, 0, gramKeys, 0, codes.length);
        gramN = 1;
      }
      for (; gramN < n; gramN++) {
        int grams = codes.length - gramN;
        for (int i = 0; i < grams; i++) {
          gramKeys[i] = gramKeys[i] * BASE + codes[i + gramN];
        }
      }
      return gramKeys;
    }

    /** The key of one n-gram, by its definition ({@link #keys} computes them all at once). */
    long key(int start, int n) {
      long h = 0;
      for (int i = start; i < start + n; i++) {
        h = h * BASE + codes[i];
      }
      return h;
    }

    long chars(int start, int n) {
      long c = 0;
      for (int i = start; i < start + n; i++) {
        c += lengths[i];
      }
      return c;
    }
  }
}
