package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopWordSetTest {
  private static boolean contains(StopWordSet set, String text, int start, int end) {
    return set.contains(text.toCharArray(), start, end);
  }

  @Test
  void findsAWordAnywhereInTheTextCaseSensitively() {
    StopWordSet set = new StopWordSet(List.of("the", "and", "of"));
    String text = "of the The andes and";
    assertTrue(contains(set, text, 0, 2)); // of
    assertTrue(contains(set, text, 3, 6)); // the
    assertFalse(contains(set, text, 7, 10)); // The
    assertTrue(contains(set, text, 11, 14)); // the range "and" inside "andes"
    assertFalse(contains(set, text, 11, 16)); // andes
    assertTrue(contains(set, text, 17, 20)); // and
  }

  @Test
  void aWordWithTheSameHashIsNotAMember() {
    // "Aa" and "BB" share String.hashCode (2112): the lookup must compare the chars.
    StopWordSet set = new StopWordSet(List.of("Aa"));
    assertTrue(contains(set, "Aa", 0, 2));
    assertFalse(contains(set, "BB", 0, 2));
    StopWordSet both = new StopWordSet(List.of("Aa", "BB"));
    assertTrue(contains(both, "xBB", 1, 3));
    assertTrue(contains(both, "Aax", 0, 2));
    assertFalse(contains(both, "AB", 0, 2));
  }

  @Test
  void anEmptySetHasNoMembers() {
    StopWordSet set = new StopWordSet(List.of());
    assertFalse(contains(set, "the", 0, 3));
    assertFalse(contains(set, "", 0, 0));
  }

  @Test
  void nonBmpAndRepeatedWords() {
    StopWordSet set = new StopWordSet(List.of("\uD83D\uDE00", "\u306e", "\u306e"));
    assertTrue(contains(set, "a\uD83D\uDE00", 1, 3));
    assertTrue(contains(set, "\u306e", 0, 1));
    assertFalse(contains(set, "\uD83D\uDE01", 0, 2));
  }
}
