package dev.pretrain.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Gpt2OracleTest {
  private static ByteLevelBpeTokenizer gpt2;
  private static HfOracle hf;

  @BeforeAll
  static void load() throws Exception {
    gpt2 = Gpt2TokenizerFile.load();
    hf = new HfOracle(Gpt2TokenizerFile.path());
  }

  @AfterAll
  static void close() {
    hf.close();
  }

  @Test
  void idsMatchHuggingFaceOnEveryFixture() {
    for (String text : Fixtures.all()) {
      assertArrayEquals(hf.encode(text), gpt2.encode(text), () -> "ids differ for: " + abbreviate(text));
    }
  }

  @Test
  void knownGpt2Ids() {
    // GPT-2: "Hello" = 15496, " world" = 995, "<|endoftext|>" = 50256.
    assertArrayEquals(new int[] {15496, 995, 50256}, gpt2.encode("Hello world<|endoftext|>"));
    assertEquals(50257, gpt2.vocabSize());
    assertEquals(50000, gpt2.mergeCount());
  }

  @Test
  void decodeInvertsEncodeOnEveryFixture() {
    for (String text : Fixtures.all()) {
      assertEquals(text, gpt2.decode(gpt2.encode(text)));
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
