package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.dedup.testing.RandomTexts;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * C4LineCleaner finds its phrases without lowering each line; these tests hold it to the
 * definition it replaced: the line lowered with {@code toLowerCase(Locale.ROOT)}, then searched.
 */
class C4LineCleanerPhrasesTest {
  /** The counter the former code added for one line (no long-word rule), or null. */
  private static String reference(String line, boolean javascript, boolean policy) {
    if (!javascript && !policy) {
      return null;
    }
    String lower = line.toLowerCase(Locale.ROOT);
    if (javascript && lower.contains("javascript")) {
      return "javascript";
    }
    if (policy) {
      for (String p : C4LineCleaner.POLICY_SUBSTRINGS) {
        if (lower.contains(p)) {
          return "policy";
        }
      }
    }
    return null;
  }

  private static String actual(C4LineCleaner cleaner, String line) {
    CleanCounters counters = new CleanCounters();
    String out = cleaner.apply(line, counters);
    for (String reason : new String[] {"javascript", "policy"}) {
      if (counters.get("c4-lines.removed-" + reason) == 1) {
        assertEquals("", out);
        return reason;
      }
    }
    assertEquals(line, out);
    return null;
  }

  private static void assertSameAsReference(String line) {
    for (boolean javascript : new boolean[] {true, false}) {
      for (boolean policy : new boolean[] {true, false}) {
        assertEquals(reference(line, javascript, policy), actual(new C4LineCleaner(javascript, policy, 0), line),
            line + " javascript=" + javascript + " policy=" + policy);
      }
    }
  }

  @Test
  void everyCharInPlaceOfOneOfAPhrase() {
    C4LineCleaner both = new C4LineCleaner(true, true, 0);
    for (String phrase : new String[] {"javascript", "use of cookies"}) {
      for (int at = 0; at < phrase.length(); at++) {
        for (int c = 1; c < 0x10000; c++) {
          if (c == '\n') {
            continue;
          }
          String line = phrase.substring(0, at) + (char) c + phrase.substring(at + 1);
          assertEquals(reference(line, true, true), actual(both, line), "U+" + Integer.toHexString(c) + " in " + line);
        }
      }
    }
  }

  @Test
  void specialCases() {
    for (String line : new String[] {"", "JAVASCRIPT", "JavaScrİpt", "javascrİpt", "java\u212Ascript", "coo\u212Aie policy",
        "Terms Of Use and javascript", "privacy policy; JavaScript", "uses cookie", "use\u00a0cookies",
        "javascrip", "xjavascriptx", "USE OF COOKIES", "\uD801\uDC00javascript", "javas\uD801\uDC00cript",
        "terms of us", "terms of usE", "the cookie policy", "Privacy Policy\u0130"}) {
      assertSameAsReference(line);
    }
  }

  @Test
  void randomLines() {
    Random random = new Random(4);
    String[] pieces = {"java", "JAVA", "script", "Script", "scrİpt", "terms", " of ", " use", "Use", "privacy", " policy",
        "cookie", "Cookies", " cookies", "uses", "\u212A", "\u0130", " ", "\u00a0", "x", "\uD801\uDC00", "\u00e9"};
    for (int t = 0; t < 20_000; t++) {
      assertSameAsReference(RandomTexts.of(random, pieces, 8));
    }
  }

  /** The former longest-word rule: the longest run of non-whitespace chars. */
  private static boolean referenceLongWord(String line, int max) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < line.length(); i++) {
      if (Character.isWhitespace(line.charAt(i))) {
        run = 0;
      } else {
        run++;
        longest = Math.max(longest, run);
      }
    }
    return longest > max;
  }

  @Test
  void longWordsAsTheFormerRule() {
    Random random = new Random(8);
    String[] pieces = {"ab", "abcd", " ", "\t", "\u2003", "\u00a0", "\u001c", "\r", "\u000b", "\u4e2d\u6587", "\uD83D\uDE00"};
    C4LineCleaner cleaner = new C4LineCleaner(false, false, 5);
    for (int t = 0; t < 20_000; t++) {
      String line = RandomTexts.of(random, pieces, 10);
      CleanCounters counters = new CleanCounters();
      cleaner.apply(line, counters);
      assertEquals(referenceLongWord(line, 5) ? 1 : 0, counters.get("c4-lines.removed-long-word"), line);
    }
    for (int c = 0; c < 0x10000; c++) {
      if (c == '\n') {
        continue;
      }
      String line = "abc" + (char) c + "abc";
      CleanCounters counters = new CleanCounters();
      cleaner.apply(line, counters);
      assertEquals(referenceLongWord(line, 5) ? 1 : 0, counters.get("c4-lines.removed-long-word"),
          "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void allRulesTogetherKeepTheirOrder() {
    Random random = new Random(12);
    String[] pieces = {"javascript", "JavaScript", "terms of use", "Cookie Policy", " ", "\t", "\u2003", "ab",
        "abcdefgh", "\u0130", "x"};
    C4LineCleaner cleaner = new C4LineCleaner(true, true, 6);
    String[] reasons = {"long-word", "javascript", "policy"};
    for (int t = 0; t < 20_000; t++) {
      String line = RandomTexts.of(random, pieces, 8);
      String expected = referenceLongWord(line, 6) ? "long-word" : reference(line, true, true);
      CleanCounters counters = new CleanCounters();
      cleaner.apply(line, counters);
      String actual = null;
      for (String reason : reasons) {
        if (counters.get("c4-lines.removed-" + reason) == 1) {
          actual = reason;
        }
      }
      assertEquals(expected, actual, line);
    }
  }
}
