package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class C4LineCleanerTest {
  private final C4LineCleaner defaults = new C4LineCleaner(true, true, 1000);

  @Test
  void dropsJavascriptAndPolicyLines() {
    CleanCounters c = new CleanCounters();
    String text = "Real content here.\nPlease enable JavaScript to view this page.\nMore content.\n"
        + "This site uses cookies to improve your experience.\nRead our Privacy Policy.\nEnd.";
    assertEquals("Real content here.\nMore content.\nEnd.", defaults.apply(text, c));
    assertEquals(1, c.get("c4-lines.removed-javascript"));
    assertEquals(2, c.get("c4-lines.removed-policy"));
  }

  @Test
  void wordsUpToTheLimitAreKeptLongerOnesDropTheLine() {
    CleanCounters c = new CleanCounters();
    String ok = "x".repeat(1000);
    String tooLong = "y".repeat(1001);
    assertEquals("a " + ok + "\nc", defaults.apply("a " + ok + "\nb " + tooLong + " b\nc", c));
    assertEquals(1, c.get("c4-lines.removed-long-word"));
  }

  @Test
  void removedLastLineLeavesNoDanglingNewline() {
    assertEquals("a\nb", defaults.apply("a\nb\njavascript:void(0)", new CleanCounters()));
    assertEquals("a\n", defaults.apply("a\njavascript\n", new CleanCounters()));
  }

  @Test
  void rulesCanBeTurnedOff() {
    String text = "enable javascript\nterms of use\n" + "z".repeat(2000);
    assertSame(text, new C4LineCleaner(false, false, 0).apply(text, new CleanCounters()));
  }
}
