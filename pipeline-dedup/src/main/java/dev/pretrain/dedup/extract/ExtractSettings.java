package dev.pretrain.dedup.extract;

import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;

/**
 * The {@code curate.extract} section: whether HTML pages are reduced to their main content, the
 * whole page's text, or left alone, and the bounds that keep one page's work finite.
 *
 * @param mode MAIN (main content, with a looser fallback pass), FULL (the whole page's text, as
 *     earlier versions gave it) or OFF (the job skips extraction; given to the extractor it acts
 *     as FULL so that a direct call still yields text)
 * @param minMainChars below this many characters the main pass counts as having found too little
 *     and the fallback pass runs (trafilatura does the same with its MIN_EXTRACTED_SIZE)
 * @param maxMarkupChars markup beyond this many chars is not parsed (the budget's first half)
 * @param maxElements elements beyond this many, in document order, are dropped before any analysis
 *     (the budget's second half: bounds the work on pages with huge or deeply nested markup)
 */
public record ExtractSettings(Mode mode, int minMainChars, int maxMarkupChars, int maxElements)
    implements Serializable {

  public enum Mode { MAIN, FULL, OFF }

  /** The defaults that {@code curate.extract} documents. */
  public static final ExtractSettings DEFAULTS = new ExtractSettings(Mode.MAIN, 100, 4_000_000, 100_000);

  public ExtractSettings {
    if (mode == null) {
      throw new IllegalArgumentException("mode must be set");
    }
    if (minMainChars < 0 || maxMarkupChars < 1 || maxElements < 1) {
      throw new IllegalArgumentException("minMainChars must be >= 0, maxMarkupChars and maxElements >= 1");
    }
  }

  public static ExtractSettings read(SettingsReader r) {
    String p = "curate.extract.";
    // A bad value is reported by the reader (r.finish()); the stand-ins it returns meanwhile are
    // kept inside this record's bounds so that every problem is reported, not just the first.
    return new ExtractSettings(
        r.oneOf(p + "mode", Mode.class),
        Math.max(0, r.intIn(p + "min-main-chars", 0, 1_000_000)),
        Math.max(1, r.intIn(p + "max-markup-chars", 1, Integer.MAX_VALUE)),
        Math.max(1, r.intIn(p + "max-elements", 1, Integer.MAX_VALUE)));
  }
}
