package dev.pretrain.dedup.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void cutsTheSpanWithItsMarginOnBothSides() {
    // "SECRET" is [10, 16); margin 3 cuts [7, 19).
    assertEquals("0123456\nCDEF", Redaction.redact("0123456789SECRET9ABCDEF", new int[][] {{10, 16}}, 3));
  }

  @Test
  void mergesOverlappingAndTouchingCutsAndClipsAtTheEnds() {
    String text = "aaaa XX bbbb YY cccc ZZ dd";
    // XX [5,7), YY [13,15), ZZ [21,23); margin 3: [2,10) and [10,18) touch, [18,26) touches too.
    assertEquals("aa", Redaction.redact(text, new int[][] {{13, 15}, {5, 7}, {21, 23}}, 3));
    // margin 1: [4,8), [12,16), [20,24): four pieces left.
    assertEquals("aaaa\nbbbb\ncccc\ndd",
        Redaction.redact(text, new int[][] {{5, 7}, {13, 15}, {21, 23}}, 1));
  }

  @Test
  void nothingLeftButWhitespaceIsEmpty() {
    assertEquals("", Redaction.redact("  match  ", new int[][] {{2, 7}}, 0));
    assertEquals("", Redaction.redact("match", new int[][] {{0, 5}}, 200));
  }

  @Test
  void neverSplitsASurrogatePair() {
    String text = "x\ud835\udc00MATCH\ud835\udc01y";
    // MATCH is [3, 8); margin 1 would cut inside both pairs: the whole pairs go.
    assertEquals("x\ny", Redaction.redact(text, new int[][] {{3, 8}}, 1));
  }
}
