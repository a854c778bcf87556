package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTextTest {
  @Test
  void wordsAreTokenizedOnceAndShared() {
    DocumentText d = new DocumentText("Hello, world.");
    List<String> words = d.words();
    assertEquals(List.of("Hello", ",", "world", "."), words);
    assertSame(words, d.words());
  }

  @Test
  void nullTextIsRejectedWithItsName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> new DocumentText(null));
    assertEquals("text", e.getMessage());
  }
}
