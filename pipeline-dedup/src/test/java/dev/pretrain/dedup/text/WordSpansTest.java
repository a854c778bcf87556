package dev.pretrain.dedup.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class WordSpansTest {
  private static List<String> spans(String text, IntPredicate isSpace) {
    List<String> out = new ArrayList<>();
    WordSpans.forEach(text, isSpace, (start, end) -> out.add(start + "-" + end + ":" + text.substring(start, end)));
    return out;
  }

  @Test
  void wordsAreTheRunsBetweenSpacesWithTheirSpans() {
    assertEquals(List.of("2-5:one", "7-10:two", "11-16:three"), spans("  one \ttwo\nthree", Character::isWhitespace));
  }

  @Test
  void spacesAloneOrNothingMakeNoWord() {
    assertEquals(List.of(), spans("", Character::isWhitespace));
    assertEquals(List.of(), spans(" \n\t ", Character::isWhitespace));
    assertEquals(List.of("0-1:x"), spans("x", Character::isWhitespace));
  }

  @Test
  void theCallerSaysWhatASpaceIs() {
    // A comma as the only space: whitespace stays inside the words.
    assertEquals(List.of("0-5:a b c", "7-8:d"), spans("a b c,,d,", c -> c == ','));
  }
}
