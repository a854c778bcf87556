package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepeatedRangesTest {
  @Test
  void aRangeWithTheSameCharsRepeatsWhereverItLies() {
    char[] text = "ab|cd|ab|ab".toCharArray();
    RepeatedRanges seen = new RepeatedRanges();
    seen.clear(text, 4);
    assertFalse(seen.repeats(1, 0, 2)); // ab
    assertFalse(seen.repeats(2, 3, 5)); // cd
    assertTrue(seen.repeats(1, 6, 8)); // ab again
    assertTrue(seen.repeats(1, 9, 11));
  }

  @Test
  void differentCharsWithEqualHashesAreDifferentRanges() {
    char[] text = "ab|cd|abc|ab|cd".toCharArray();
    RepeatedRanges seen = new RepeatedRanges();
    seen.clear(text, 5);
    // One hash for all of them, as if they collided: only the chars decide.
    assertFalse(seen.repeats(7, 0, 2)); // ab
    assertFalse(seen.repeats(7, 3, 5)); // cd
    assertFalse(seen.repeats(7, 6, 9)); // abc: a longer range starting with ab
    assertTrue(seen.repeats(7, 10, 12)); // ab
    assertTrue(seen.repeats(7, 13, 15)); // cd
  }

  @Test
  void emptyRangesRepeatEachOther() {
    char[] text = "x".toCharArray();
    RepeatedRanges seen = new RepeatedRanges();
    seen.clear(text, 2);
    assertFalse(seen.repeats(0, 0, 0));
    assertTrue(seen.repeats(0, 1, 1));
  }

  @Test
  void sameCharsComparesLengthAndContent() {
    char[] text = "abcab".toCharArray();
    assertTrue(RepeatedRanges.sameChars(text, 0, 2, 3, 5));
    assertFalse(RepeatedRanges.sameChars(text, 0, 3, 3, 5));
    assertFalse(RepeatedRanges.sameChars(text, 0, 2, 1, 3));
  }

  @Test
  void clearEmptiesASetThatHeldMoreRanges() {
    char[] first = "a\na\na".toCharArray();
    RepeatedRanges seen = new RepeatedRanges();
    seen.clear(first, 3);
    seen.repeats(5, 0, 1);
    seen.clear("a".toCharArray(), 1);
    assertFalse(seen.repeats(5, 0, 1));
  }

  @Test
  void moreRangesThanDeclaredFailLoudly() {
    RepeatedRanges seen = new RepeatedRanges();
    seen.clear("abc".toCharArray(), 1);
    seen.repeats(1, 0, 1);
    assertThrows(IllegalStateException.class, () -> seen.repeats(2, 1, 2));
  }
}
