package dev.pretrain.tokenize.pretokenize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HF's {@code Split} with behaviour {@code Isolated}: every match is a piece, and so is every
 * stretch between matches.
 */
public final class RegexSplitter implements PreTokenizer {
  private final Pattern pattern;

  public RegexSplitter(Pattern pattern) {
    this.pattern = pattern;
  }

  @Override
  public void split(String text, int start, int end, PieceSink sink) {
    Matcher m = pattern.matcher(text);
    m.region(start, end);
    int last = start;
    while (m.find()) {
      if (m.end() == m.start()) {
        // An empty match cuts nothing; step past it so find() makes progress.
        continue;
      }
      if (m.start() > last) {
        sink.accept(text, last, m.start());
      }
      sink.accept(text, m.start(), m.end());
      last = m.end();
    }
    if (end > last) {
      sink.accept(text, last, end);
    }
  }

  @Override
  public String toString() {
    return "Split(" + pattern.pattern() + ")";
  }
}
