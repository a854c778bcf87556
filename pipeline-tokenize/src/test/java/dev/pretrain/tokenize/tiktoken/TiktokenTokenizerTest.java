package dev.pretrain.tokenize.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import org.junit.jupiter.api.Test;

class TiktokenTokenizerTest {

  @Test
  void knownIdsOfPublishedVocabularies() throws Exception {
    // tiktoken: r50k "Hello world" = [15496, 995]; cl100k "hello world" = [15339, 1917].
    assertArrayEquals(new int[] {15496, 995}, Tokenizers.load("tiktoken:r50k_base").encode("Hello world"));
    assertArrayEquals(new int[] {15339, 1917}, Tokenizers.load("tiktoken:cl100k_base").encode("hello world"));
  }

  @Test
  void specialTokensAreMatchedByEncodeAndNotByEncodeOrdinary() throws Exception {
    Tokenizer cl100k = Tokenizers.load("tiktoken:cl100k_base");
    int[] ids = cl100k.encode("a<|endoftext|>b");
    assertEquals(100257, ids[1]);
    assertEquals(3, ids.length);
    int[] ordinary = cl100k.encodeOrdinary("a<|endoftext|>b");
    assertEquals(false, java.util.Arrays.stream(ordinary).anyMatch(id -> id == 100257));
    assertEquals("a<|endoftext|>b", cl100k.decode(ids));
    assertEquals("a<|endoftext|>b", cl100k.decode(ordinary));
  }

  @Test
  void describesEachVocabulary() throws Exception {
    Tokenizer r50k = Tokenizers.load("tiktoken:r50k_base");
    Tokenizer o200k = Tokenizers.load("tiktoken:o200k_base");
    assertEquals(50257, r50k.vocabSize());
    assertEquals(200019, o200k.vocabSize());
    assertEquals(199999, o200k.specialTokens().get("<|endoftext|>"));
    assertEquals("tiktoken:o200k_base", o200k.name());
    assertEquals(64, r50k.sha256().length());
    assertNotEquals(r50k.sha256(), o200k.sha256());
    String text = "Grüße 👋🏽 東京 — test\n\n  x";
    assertEquals(text, o200k.decode(o200k.encode(text)));
  }

  @Test
  void unknownNamesFailClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.load("tiktoken:p50k"));
    assertEquals("unknown tiktoken vocabulary 'p50k'; known: [r50k_base, cl100k_base, o200k_base]", e.getMessage());
    java.io.IOException missing = assertThrows(java.io.IOException.class, () -> Tokenizers.load("/nonexistent/tokenizer.json"));
    assertEquals("tokenizer file not found: /nonexistent/tokenizer.json", missing.getMessage());
  }

  @Test
  void rejectsUnpairedSurrogates() throws Exception {
    Tokenizer r50k = Tokenizers.load("tiktoken:r50k_base");
    assertThrows(IllegalArgumentException.class, () -> r50k.encode("x\uDFFF"));
  }
}
