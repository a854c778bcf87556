package dev.pretrain.dedup.filter;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;

/**
 * Thresholds of FineWeb's own quality rules (Penedo et al. 2024, "The FineWeb Datasets", section
 * 3.3; datatrove's {@code FineWebQualityFilter}).
 *
 * @param enabled whether the filter runs
 * @param minTerminalPunctuationLines a document whose share of lines ending in . ' " ! ? is at or
 *     below this is dropped (0.12)
 * @param maxShortLines a document whose share of short lines is at or above this is dropped (0.67)
 * @param shortLineLength a line of at most this many chars is short (30)
 * @param maxDuplicateLineChars a document whose chars in duplicated non-empty lines, over its chars
 *     without newlines, are at or above this is dropped (0.1: the paper's figure; datatrove's code
 *     default is 0.01)
 * @param maxNewlineWordRatio a document with more newlines per word than this is dropped (0.3)
 * @param terminalPunctuation the chars that end a line with terminal punctuation (FineWeb's
 *     {@code . ' " ! ?}; a language's own full stops are added for it, e.g. Chinese 。); empty
 *     for a language that marks no sentence end (Thai): the rule is then skipped
 */
public record FineWebQualitySettings(
    boolean enabled,
    double minTerminalPunctuationLines,
    double maxShortLines,
    int shortLineLength,
    double maxDuplicateLineChars,
    double maxNewlineWordRatio,
    String terminalPunctuation) implements Serializable {

  /** The {@code curate.filter.fineweb-quality} section. */
  public static FineWebQualitySettings read(SettingsReader r) {
    return read(Section.of(r, "curate.filter.fineweb-quality"));
  }

  /** The filter's section, or one language's overrides of it (see {@link Section}). */
  static FineWebQualitySettings read(Section<FineWebQualitySettings> s) {
    SettingsReader r = s.reader();
    return new FineWebQualitySettings(
        s.get("enabled", r::bool, FineWebQualitySettings::enabled),
        s.get("min-terminal-punctuation-lines", p -> r.doubleIn(p, 0, 1), FineWebQualitySettings::minTerminalPunctuationLines),
        s.get("max-short-lines", p -> r.doubleIn(p, 0, 1), FineWebQualitySettings::maxShortLines),
        s.get("short-line-length", p -> r.intIn(p, 0, 1_000_000), FineWebQualitySettings::shortLineLength),
        s.get("max-duplicate-line-chars", p -> r.doubleIn(p, 0, 1), FineWebQualitySettings::maxDuplicateLineChars),
        s.get("max-newline-word-ratio", p -> r.doubleIn(p, 0, 1_000_000), FineWebQualitySettings::maxNewlineWordRatio),
        s.get("terminal-punctuation", r::string, FineWebQualitySettings::terminalPunctuation));
  }

  /** Whether a line can end with terminal punctuation in this language: without any, the rule is skipped. */
  boolean hasTerminalPunctuation() {
    return !terminalPunctuation.isEmpty();
  }
}
