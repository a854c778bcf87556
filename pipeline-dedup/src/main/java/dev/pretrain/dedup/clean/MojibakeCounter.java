package dev.pretrain.dedup.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, without changing the text, U+FFFD replacement characters (bytes that were not valid in
 * the source encoding) and the typical traces of UTF-8 decoded as Windows-1252/Latin-1: a lead
 * char Â, Ã, Ä or Å followed by a char that a UTF-8 continuation byte 0x80-0xBF turns into
 * ("Ã©" for é, "Â " for a no-break space), and "â€" or "â„" followed by one (â€™ for ’).
 * Fixing is left to a later step: guessing the right repair is what ftfy does, not a counter.
 */
public final class MojibakeCounter implements Cleaner {
  /** What Windows-1252 shows for the bytes 0x80-0xBF: its specials, then Latin-1's A0-BF. */
  private static final String CONTINUATION =
      "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
          + "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
          + "\u0080-\u00bf";
  private static final Pattern MOJIBAKE =
      Pattern.compile("[\u00c2\u00c3\u00c4\u00c5][" + CONTINUATION + "]|\u00e2[\u20ac\u201e][" + CONTINUATION + "]");

  @Override
  public String name() {
    return "mojibake";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    long replacement = 0;
    for (int i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
      replacement++;
    }
    long sequences = 0;
    if (hasLead(text)) {
      Matcher m = MOJIBAKE.matcher(text);
      while (m.find()) {
        sequences++;
      }
    }
    counters.add("mojibake.replacement-chars", replacement);
    counters.add("mojibake.sequences", sequences);
    if (replacement > 0 || sequences > 0) {
      counters.add("mojibake.documents", 1);
    }
    return text;
  }

  private static boolean hasLead(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '\u00c2' && c <= '\u00c5') || c == '\u00e2') {
        return true;
      }
    }
    return false;
  }
}
