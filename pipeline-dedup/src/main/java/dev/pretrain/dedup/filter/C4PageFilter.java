package dev.pretrain.dedup.filter;

import java.util.Locale;

/**
 * C4's whole-page rules: a page with "lorem ipsum" is placeholder text, a page with "{" is most
 * likely code (Raffel et al. 2020, section 2.2). C4 checks them on the lines that survived its
 * line rules; here they apply to the whole cleaned text. The value is the char offset of the
 * first match.
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
    if (settings.curlyBracket()) {
      int at = text.indexOf('{');
      if (at >= 0) {
        return Verdict.drop(NAME, "curly-bracket", at);
      }
    }
    if (settings.loremIpsum()) {
      int at = text.toLowerCase(Locale.ROOT).indexOf("lorem ipsum");
      if (at >= 0) {
        return Verdict.drop(NAME, "lorem-ipsum", at);
      }
    }
    return Verdict.keep();
  }
}
