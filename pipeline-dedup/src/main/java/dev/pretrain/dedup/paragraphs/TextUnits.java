package dev.pretrain.dedup.paragraphs;

import java.util.Arrays;

/**
 * A text cut into the units paragraph dedup counts, and put back together without some of them.
 *
 * <p>Lines end at {@code \n} or {@code \r\n} (a lone {@code \r} is text). A line is blank when it
 * holds only whitespace. A paragraph is a maximal run of non-blank lines; in {@code line} mode each
 * non-blank line is a unit of its own. A unit spans its lines' text without the last line's
 * terminator; blank lines and line breaks between units are the glue, as is what comes before the
 * first unit and after the last.
 *
 * <p>{@link #without} keeps every kept unit and the text before the first unit and after the last
 * byte for byte; between two kept units that had removed ones between them it keeps one of the
 * glues that were there, the one with the most line breaks (the first on ties), so a removed
 * paragraph leaves neither a hole of blank lines nor two paragraphs run together.
 */
public final class TextUnits {

  /** What is counted and removed: blank-line separated paragraphs, or single lines. */
  public enum Unit {
    PARAGRAPH,
    LINE
  }

  private final String text;
  private final int[] starts;
  private final int[] ends;
  private final int count;

  private TextUnits(String text, int[] starts, int[] ends, int count) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
    this.count = count;
  }

  public static TextUnits split(String text, Unit unit) {
    int[] starts = new int[8];
    int[] ends = new int[8];
    int count = 0;
    boolean open = false; // a paragraph is open: the previous line was not blank
    int n = text.length();
    int pos = 0;
    while (pos <= n) {
      int newline = text.indexOf('\n', pos);
      int lineEnd = newline < 0 ? n : newline;
      int contentEnd = newline > pos && text.charAt(newline - 1) == '\r' ? newline - 1 : lineEnd;
      if (isBlank(text, pos, contentEnd)) {
        open = false;
      } else if (open && unit == Unit.PARAGRAPH) {
        ends[count - 1] = contentEnd;
      } else {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = pos;
        ends[count] = contentEnd;
        count++;
        open = true;
      }
      if (newline < 0) {
        break;
      }
      pos = newline + 1;
    }
    return new TextUnits(text, starts, ends, count);
  }

  private static boolean isBlank(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  public int count() {
    return count;
  }

  /** The {@code i}-th unit's text. */
  public String unit(int i) {
    return text.substring(starts[i], ends[i]);
  }

  /**
   * The text without the units whose flag is set ({@code removed.length == count()}): the text
   * itself when none is; the glue before the first unit and after the last (blank) when all are.
   */
  public String without(boolean[] removed) {
    if (removed.length != count) {
      throw new IllegalArgumentException("one flag per unit: " + removed.length + " flags for " + count + " units");
    }
    if (count == 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, starts[0]);
    int previousKept = -1;
    for (int i = 0; i < count; i++) {
      if (removed[i]) {
        continue;
      }
      if (previousKept >= 0) {
        int glue = widestGlue(previousKept + 1, i);
        out.append(text, ends[glue - 1], starts[glue]);
      }
      out.append(text, starts[i], ends[i]);
      previousKept = i;
    }
    out.append(text, ends[count - 1], text.length());
    return out.toString();
  }

  /** Of the glues before units {@code from..to} (the glue before unit j follows unit j - 1), the one with most line breaks. */
  private int widestGlue(int from, int to) {
    int best = to;
    int bestBreaks = -1;
    for (int j = from; j <= to; j++) {
      int breaks = 0;
      for (int c = ends[j - 1]; c < starts[j]; c++) {
        if (text.charAt(c) == '\n') {
          breaks++;
        }
      }
      if (breaks > bestBreaks) {
        best = j;
        bestBreaks = breaks;
      }
    }
    return best;
  }
}
