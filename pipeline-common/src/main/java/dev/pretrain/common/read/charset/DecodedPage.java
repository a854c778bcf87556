package dev.pretrain.common.read.charset;

/**
 * A page's text and how its charset was decided.
 *
 * @param text the decoded text, a U+FFFD for each byte sequence the charset could not decode
 * @param charset the Encoding Standard's name of the charset used, e.g. {@code windows-1251}
 * @param decidedBy which evidence decided it
 * @param replacements how many malformed or unmappable byte sequences became U+FFFD
 * @param mojibakeRepaired true when the page declared another charset but was decoded as UTF-8,
 *     because its bytes are UTF-8 (the declared decoding would have been mojibake such as "cafÃ©")
 */
public record DecodedPage(String text, String charset, Decision decidedBy, int replacements,
    boolean mojibakeRepaired) {

  /** The evidence that decided the charset, strongest first. */
  public enum Decision {
    /** A byte order mark, which overrides any declaration. */
    BOM,
    /** The HTTP {@code Content-Type} header's charset. */
    HTTP,
    /** A {@code <meta>} declaration in the page's first bytes. */
    META,
    /** The bytes themselves: well-formed UTF-8 or the statistical detector, a declaration absent or contradicted. */
    DETECTED,
    /** Nothing to go by (pure ASCII without a declaration, or no detector answer). */
    DEFAULT
  }

  /** Replacements per decoded character; 0 for an empty text. */
  public double replacementFraction() {
    return text.isEmpty() ? 0 : replacements / (double) text.length();
  }
}
