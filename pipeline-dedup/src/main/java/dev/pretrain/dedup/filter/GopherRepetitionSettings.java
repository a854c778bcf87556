package dev.pretrain.dedup.filter;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Thresholds of the Gopher repetition rules (Rae et al. 2021, Table A1), datatrove's
 * {@code GopherRepetitionFilter} defaults. Each is a maximum: a document above it is dropped.
 *
 * @param enabled whether the filter runs
 * @param dupLineFrac duplicate lines / lines (0.30)
 * @param dupParaFrac duplicate paragraphs / paragraphs (0.30)
 * @param dupLineCharFrac chars in duplicate lines / chars (0.20)
 * @param dupParaCharFrac chars in duplicate paragraphs / chars (0.20)
 * @param topNGramCharFrac for n = 2, 3, 4: chars covered by the most frequent n-gram / chars
 *     (0.20, 0.18, 0.16)
 * @param dupNGramCharFrac for n = 5 .. 10: chars in duplicated n-grams / chars
 *     (0.15, 0.14, 0.13, 0.12, 0.11, 0.10)
 */
public record GopherRepetitionSettings(
    boolean enabled,
    double dupLineFrac,
    double dupParaFrac,
    double dupLineCharFrac,
    double dupParaCharFrac,
    List<Double> topNGramCharFrac,
    List<Double> dupNGramCharFrac) implements Serializable {

  /** n of the first top n-gram threshold (2) and of the first duplicated n-gram threshold (5). */
  public static final int FIRST_TOP_N = 2;
  public static final int FIRST_DUP_N = 5;

  public GopherRepetitionSettings {
    topNGramCharFrac = List.copyOf(topNGramCharFrac);
    dupNGramCharFrac = List.copyOf(dupNGramCharFrac);
  }

  /** The {@code curate.filter.gopher-repetition} section. */
  public static GopherRepetitionSettings read(SettingsReader r) {
    return read(Section.of(r, "curate.filter.gopher-repetition"));
  }

  /** The filter's section, or one language's overrides of it (see {@link Section}). */
  static GopherRepetitionSettings read(Section<GopherRepetitionSettings> s) {
    SettingsReader r = s.reader();
    return new GopherRepetitionSettings(
        s.get("enabled", r::bool, GopherRepetitionSettings::enabled),
        s.get("dup-line-frac", p -> r.doubleIn(p, 0, 1), GopherRepetitionSettings::dupLineFrac),
        s.get("dup-para-frac", p -> r.doubleIn(p, 0, 1), GopherRepetitionSettings::dupParaFrac),
        s.get("dup-line-char-frac", p -> r.doubleIn(p, 0, 1), GopherRepetitionSettings::dupLineCharFrac),
        s.get("dup-para-char-frac", p -> r.doubleIn(p, 0, 1), GopherRepetitionSettings::dupParaCharFrac),
        s.get("top-n-gram-char-frac", p -> fractions(r, p, 3), GopherRepetitionSettings::topNGramCharFrac),
        s.get("dup-n-gram-char-frac", p -> fractions(r, p, 6), GopherRepetitionSettings::dupNGramCharFrac));
  }

  private static List<Double> fractions(SettingsReader r, String path, int size) {
    List<String> raw = r.stringList(path);
    List<Double> out = new ArrayList<>();
    boolean ok = raw.size() == size;
    for (String s : raw) {
      try {
        double v = Double.parseDouble(s);
        ok &= v >= 0 && v <= 1;
        out.add(v);
      } catch (NumberFormatException e) {
        ok = false;
      }
    }
    r.check(ok, path, "be a list of " + size + " fractions from 0 to 1");
    return ok ? out : Collections.nCopies(size, 1.0);
  }
}
