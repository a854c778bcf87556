package dev.pretrain.dedup.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * FineWeb's quality rules (Penedo et al. 2024, section 3.3), defined as datatrove's
 * {@code FineWebQualityFilter}: lines are the text split on "\n" (empty lines included) for the
 * punctuation and short-line shares; duplicate line chars count repeats of non-empty lines over
 * the text's length without newlines; the newline ratio is newlines per word token.
 */
public final class FineWebQualityFilter implements DocumentFilter {
  public static final String NAME = "fineweb-quality";

  private final FineWebQualitySettings settings;

  public FineWebQualityFilter(FineWebQualitySettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict apply(DocumentText document) {
    String text = document.text();
    List<String> lines = Lines.splitOnNewline(text);
    int terminal = 0;
    int shortLines = 0;
    List<String> nonEmpty = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (endsWithTerminalPunctuation(line)) {
        terminal++;
      }
      if (line.length() <= settings.shortLineLength()) {
        shortLines++;
      }
      if (!line.isBlank()) {
        nonEmpty.add(line);
      }
    }
    double terminalShare = (double) terminal / lines.size();
    if (terminalShare <= settings.minTerminalPunctuationLines()) {
      return drop("terminal-punctuation-lines", terminalShare);
    }
    double shortShare = (double) shortLines / lines.size();
    if (shortShare >= settings.maxShortLines()) {
      return drop("short-lines", shortShare);
    }
    int newlines = lines.size() - 1;
    int charsWithoutNewlines = text.length() - newlines;
    double dupChars = charsWithoutNewlines == 0
        ? 0 : (double) GopherRepetitionFilter.duplicates(nonEmpty)[1] / charsWithoutNewlines;
    if (dupChars >= settings.maxDuplicateLineChars()) {
      return drop("duplicate-line-chars", dupChars);
    }
    int words = document.words().size();
    double newlineRatio = (double) newlines / Math.max(1, words);
    if (newlineRatio > settings.maxNewlineWordRatio()) {
      return drop("newline-word-ratio", newlineRatio);
    }
    return Verdict.keep();
  }

  private static Verdict drop(String rule, double value) {
    return Verdict.drop(NAME, rule, value);
  }

  private static boolean endsWithTerminalPunctuation(String line) {
    if (line.isEmpty()) {
      return false;
    }
    char c = line.charAt(line.length() - 1);
    return c == '.' || c == '\'' || c == '"' || c == '!' || c == '?';
  }
}
