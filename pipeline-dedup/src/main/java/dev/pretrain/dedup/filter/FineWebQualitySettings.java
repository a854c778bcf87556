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
 */
public record FineWebQualitySettings(
    boolean enabled,
    double minTerminalPunctuationLines,
    double maxShortLines,
    int shortLineLength,
    double maxDuplicateLineChars,
    double maxNewlineWordRatio) implements Serializable {

  public static FineWebQualitySettings read(SettingsReader r) {
    String p = "curate.filter.fineweb-quality.";
    return new FineWebQualitySettings(
        r.bool(p + "enabled"),
        r.doubleIn(p + "min-terminal-punctuation-lines", 0, 1),
        r.doubleIn(p + "max-short-lines", 0, 1),
        r.intIn(p + "short-line-length", 0, 1_000_000),
        r.doubleIn(p + "max-duplicate-line-chars", 0, 1),
        r.doubleIn(p + "max-newline-word-ratio", 0, 1_000_000));
  }
}
