package dev.pretrain.tokenize.pretokenize;

/**
 * cl100k_base's split pattern ({@link SplitPatterns#CL100K}, also Llama-3's) as a hand-written
 * scanner giving the same pieces as the regex (pinned by a test against java.util.regex). At each
 * position the alternatives are tried in the pattern's order:
 * <ol>
 *   <li>a contraction, case-insensitive ({@code 's 't 're 've 'm 'll 'd}; Unicode case folding
 *       also lets U+017F LONG S match {@code s});
 *   <li>one optional char that is not CR, LF, a letter or a number, then a run of letters;
 *   <li>one to three numbers;
 *   <li>an optional space, a run of symbols (not space, letter, number), then any CRs and LFs;
 *   <li>whitespace up to and including its last CR or LF;
 *   <li>whitespace not followed by a non-space (the last space of a run goes to the next word);
 *   <li>whitespace.
 * </ol>
 */
public final class Cl100kSplitter implements PreTokenizer {

  @Override
  public void split(String text, int start, int end, PieceSink sink) {
    int i = start;
    while (i < end) {
      int j = match(text, i, end);
      sink.accept(text, i, j);
      i = j;
    }
  }

  private static int match(String text, int i, int end) {
    int c = text.codePointAt(i);
    int cLen = Character.charCount(c);
    if (c == '\'' && i + 1 < end) {
      int n = contractionLength(text, i, end);
      if (n > 0) {
        return i + n;
      }
    }
    byte cls = CharClass.of(c);
    // 2: [^\r\n\p{L}\p{N}]?\p{L}+
    if (cls == CharClass.LETTER) {
      return run(text, i, end, CharClass.LETTER);
    }
    if (cls != CharClass.NUMBER && c != '\r' && c != '\n' && i + cLen < end
        && CharClass.of(text.codePointAt(i + cLen)) == CharClass.LETTER) {
      return run(text, i + cLen, end, CharClass.LETTER);
    }
    // 3: \p{N}{1,3}
    if (cls == CharClass.NUMBER) {
      int j = i + cLen;
      for (int k = 1; k < 3 && j < end; k++) {
        int cp = text.codePointAt(j);
        if (CharClass.of(cp) != CharClass.NUMBER) {
          break;
        }
        j += Character.charCount(cp);
      }
      return j;
    }
    // 4: " ?[^\s\p{L}\p{N}]+[\r\n]*"
    int symbols = -1;
    if (cls == CharClass.OTHER) {
      symbols = i;
    } else if (c == ' ' && i + 1 < end && CharClass.of(text.codePointAt(i + 1)) == CharClass.OTHER) {
      symbols = i + 1;
    }
    if (symbols >= 0) {
      int j = run(text, symbols, end, CharClass.OTHER);
      while (j < end && (text.charAt(j) == '\r' || text.charAt(j) == '\n')) {
        j++;
      }
      return j;
    }
    // c is whitespace (all whitespace is in the BMP: one char each).
    int j = i + 1;
    int lastNewline = (c == '\r' || c == '\n') ? i : -1;
    while (j < end && CharClass.isWhiteSpace(text.charAt(j))) {
      char w = text.charAt(j);
      if (w == '\r' || w == '\n') {
        lastNewline = j;
      }
      j++;
    }
    // 5: \s*[\r\n]+
    if (lastNewline >= 0) {
      return lastNewline + 1;
    }
    // 6: \s+(?!\S), else 7: \s+
    if (j < end && j - i > 1) {
      return j - 1;
    }
    return j;
  }

  private static int contractionLength(String text, int i, int end) {
    char a = Character.toLowerCase(text.charAt(i + 1));
    if (a == 's' || a == 't' || a == 'm' || a == 'd' || a == '\u017F') {
      return 2;
    }
    if (i + 2 < end) {
      char b = Character.toLowerCase(text.charAt(i + 2));
      if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
        return 3;
      }
    }
    return 0;
  }

  private static int run(String text, int j, int end, byte cls) {
    while (j < end) {
      int cp = text.codePointAt(j);
      if (CharClass.of(cp) != cls) {
        return j;
      }
      j += Character.charCount(cp);
    }
    return j;
  }

  @Override
  public String toString() {
    return "Cl100kSplitter";
  }
}
