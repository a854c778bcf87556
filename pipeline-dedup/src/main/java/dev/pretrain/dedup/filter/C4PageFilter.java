package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.text.AsciiLowerCase;

/**
 * C4's whole-page rules: a page with "lorem ipsum" is placeholder text, a page with "{" is most
 * likely code (Raffel et al. 2020, section 2.2). C4 checks them on the lines that survived its
 * line rules; here they apply to the whole cleaned text. The value is how often the page has
 * it: a page with one stray brace and a page of code are told apart in {@code rejected/}.
 */
public final class C4PageFilter implements DocumentFilter {
  public static final String NAME = "c4-page";

  private final C4PageSettings settings;

  public C4PageFilter(C4PageSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict apply(DocumentText document) {
    String text = document.text();
    // indexOf first: most pages have neither, and only a dropped page is counted through.
    if (settings.curlyBracket() && text.indexOf('{') >= 0) {
      return Verdict.drop(NAME, "curly-bracket", occurrences(text, "{"));
    }
    if (settings.loremIpsum()) {
      // Case-insensitive as in the lowered text, found without lowering it (AsciiLowerCase).
      int found = occurrencesIgnoringCase(document.chars(), LOREM_IPSUM);
      if (found > 0) {
        return Verdict.drop(NAME, "lorem-ipsum", found);
      }
    }
    return Verdict.keep();
  }

  private static final String LOREM_IPSUM = "lorem ipsum";

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
      n++;
    }
    return n;
  }

  /** Non-overlapping occurrences of a lower-case ASCII phrase in {@code text.toLowerCase(Locale.ROOT)}. */
  static int occurrencesIgnoringCase(char[] text, String phrase) {
    int n = 0;
    int end = text.length;
    char first = phrase.charAt(0);
    for (int i = 0; i < end; i++) {
      if (AsciiLowerCase.of(text[i]) == first && AsciiLowerCase.startsWith(text, i, end, phrase)) {
        n++;
        i += phrase.length() - 1;
      }
    }
    return n;
  }
}
