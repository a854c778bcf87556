package dev.pretrain.tokenize.pretokenize;

/**
 * GPT-2's split pattern ({@link SplitPatterns#GPT2}) as a hand-written scanner: the same pieces as
 * the regex (pinned by a test against java.util.regex on random text) at several times its speed.
 * Alternatives are tried in the pattern's order at each position, as a backtracking regex does:
 * contractions, then {@code " ?"} followed by a run of letters, digits or other symbols, then
 * whitespace, where {@code \s+(?!\S)} leaves the last space of a run for the next word.
 */
public final class Gpt2Splitter implements PreTokenizer {

  @Override
  public void split(String text, int start, int end, PieceSink sink) {
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '\'' && i + 1 < end) {
        int n = contractionLength(text, i, end);
        if (n > 0) {
          sink.accept(text, i, i + n);
          i += n;
          continue;
        }
      }
      int runStart = i;
      byte cls = CharClass.of(text.codePointAt(i));
      if (c == ' ' && i + 1 < end) {
        byte next = CharClass.of(text.codePointAt(i + 1));
        if (next != CharClass.SPACE) {
          runStart = i + 1;
          cls = next;
        }
      }
      if (cls != CharClass.SPACE) {
        int j = runEnd(text, runStart, end, cls);
        sink.accept(text, i, j);
        i = j;
        continue;
      }
      // Whitespace code points are all in the BMP, so one char each.
      int j = i + 1;
      while (j < end && CharClass.isWhiteSpace(text.charAt(j))) {
        j++;
      }
      if (j < end && j - i > 1) {
        j--; // \s+(?!\S): the last space goes with the following non-space
      }
      sink.accept(text, i, j);
      i = j;
    }
  }

  /** Length of {@code 's 't 're 've 'm 'll 'd} at {@code i} (case-sensitive, as in GPT-2), or 0. */
  private static int contractionLength(String text, int i, int end) {
    char a = text.charAt(i + 1);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') {
      return 2;
    }
    if (i + 2 < end) {
      char b = text.charAt(i + 2);
      if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
        return 3;
      }
    }
    return 0;
  }

  private static int runEnd(String text, int j, int end, byte cls) {
    while (j < end) {
      char ch = text.charAt(j);
      if (ch < 128) {
        if (CharClass.of(ch) != cls) {
          return j;
        }
        j++;
      } else {
        int cp = text.codePointAt(j);
        if (CharClass.of(cp) != cls) {
          return j;
        }
        j += Character.charCount(cp);
      }
    }
    return j;
  }

  @Override
  public String toString() {
    return "Gpt2Splitter";
  }
}
