package dev.pretrain.dedup.paragraphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pretrain.dedup.paragraphs.TextUnits.Unit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextUnitsTest {

  private static List<String> units(String text, Unit unit) {
    TextUnits units = TextUnits.split(text, unit);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < units.count(); i++) {
      out.add(units.unit(i));
    }
    return out;
  }

  /** The text without the units at these indices. */
  private static String without(String text, Unit unit, int... indices) {
    TextUnits units = TextUnits.split(text, unit);
    boolean[] removed = new boolean[units.count()];
    for (int i : indices) {
      removed[i] = true;
    }
    return units.without(removed);
  }

  @Test
  void paragraphsAreRunsOfNonBlankLinesWithoutTheirTerminator() {
    String text = "\n  \nFirst line\nsecond line\n\n \t\nMiddle\r\n\r\nLast\n\n\n";
    assertEquals(List.of("First line\nsecond line", "Middle", "Last"), units(text, Unit.PARAGRAPH));
    assertEquals(List.of("First line", "second line", "Middle", "Last"), units(text, Unit.LINE));
  }

  @Test
  void nothingRemovedGivesTheTextBackByteForByte() {
    for (String text : List.of("", "\n", "\n\n\n", "one", "one\n", "a\r\nb\r\n\r\nc\r\n", "  lead\n\n\n\ntrail  \n\n",
        "x\r\ry\n\n\n\nz", "\t\n \nonly\n \n")) {
      for (Unit unit : Unit.values()) {
        TextUnits units = TextUnits.split(text, unit);
        assertEquals(text, units.without(new boolean[units.count()]), text + " by " + unit);
      }
    }
  }

  @Test
  void aLoneCarriageReturnIsTextNotALineBreak() {
    assertEquals(List.of("x\ry"), units("x\ry", Unit.LINE));
  }

  @Test
  void removingAParagraphKeepsTheRestAndOneSeparator() {
    String text = "Intro\n\nMENU Home About\n\nBody text\r\n\r\nCookie notice\n";
    assertEquals("Intro\n\nBody text\r\n\r\nCookie notice\n", without(text, Unit.PARAGRAPH, 1));
    // The first and last go with their glue; the text before the first unit and after the last stays.
    assertEquals("MENU Home About\n\nBody text\n", without(text, Unit.PARAGRAPH, 0, 3));
    assertEquals("\n\nBody text\n\n", without("\n\nA\n\nBody text\n\nB\n\n", Unit.PARAGRAPH, 0, 2));
    // Between two kept units, the glue with most line breaks of those removed with them.
    assertEquals("Intro\n\nCookie notice\n", without(text, Unit.PARAGRAPH, 1, 2));
  }

  @Test
  void removingLinesKeepsParagraphBreaks() {
    String text = "a\n\nPosted by x\nb\nShare this\nc";
    assertEquals("a\n\nb\nShare this\nc", without(text, Unit.LINE, 1));
    assertEquals("a\n\nb\nc", without(text, Unit.LINE, 1, 3));
    assertEquals("a\n\nc", without(text, Unit.LINE, 1, 2, 3));
  }

  @Test
  void removingEveryUnitLeavesOnlyTheOuterBlankText() {
    assertEquals("\n\n", without("\nA\n\nB\n", Unit.PARAGRAPH, 0, 1));
    assertEquals("", without("A", Unit.LINE, 0));
  }

  @Test
  void oneFlagPerUnit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextUnits.split("a\n\nb", Unit.PARAGRAPH).without(new boolean[1]));
    assertEquals("one flag per unit: 1 flags for 2 units", e.getMessage());
  }
}
