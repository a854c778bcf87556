package dev.pretrain.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoundTripPropertyTest {
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
  void decodeOfEncodeIsIdentityOnRandomUnicode() {
    Random random = new Random(20261124L);
    for (int i = 0; i < 3000; i++) {
      String text = RandomText.next(random, 200);
      assertEquals(text, gpt2.decode(gpt2.encode(text)), "round trip of case " + i);
    }
  }

  @Test
  void idsMatchHuggingFaceOnRandomUnicode() {
    Random random = new Random(7L);
    for (int i = 0; i < 1000; i++) {
      String text = RandomText.next(random, 120);
      assertArrayEquals(hf.encode(text), gpt2.encode(text), "case " + i);
    }
  }

  @Test
  void rejectsUnpairedSurrogates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2.encode("ab\uD800cd"));
    assertEquals("text is not valid Unicode: unpaired surrogate U+D800 at char 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> gpt2.encode("\uDC00"));
  }
}
