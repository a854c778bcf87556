package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokensTest {
  @Test
  void peelsOuterPunctuationAndKeepsInnerPunctuation() {
    assertEquals(List.of("\"", "Don't", "stop", "\"", ",", "she", "said", "...", "(", "e-mail", ")", "U.S", "."),
        WordTokens.split("\"Don't stop\", she said... (e-mail) U.S."));
  }

  @Test
  void aRunOfOnePunctuationCharIsOneToken() {
    assertEquals(List.of("-----", "====", "!!", "?", "!"), WordTokens.split("----- ==== !!?!"));
  }

  @Test
  void emptyAndBlankTextHaveNoTokens() {
    assertEquals(List.of(), WordTokens.split(""));
    assertEquals(List.of(), WordTokens.split(" \n\t "));
  }
}
