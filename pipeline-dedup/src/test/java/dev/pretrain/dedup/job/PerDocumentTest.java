package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerDocumentTest {
  @Test
  void utf8BytesEqualsTheEncodedLength() {
    assertEquals(0, PerDocument.utf8Bytes(""));
    assertEquals(1 + 2 + 3 + 4, PerDocument.utf8Bytes("a\u00e9\u20ac\uD83D\uDE00"));
    Random random = new Random(5);
    char[] pool = {'a', '\u00e9', '\u0800', '\uFFFD', '\uD83D', '\uDE00', '\n'};
    for (int t = 0; t < 5_000; t++) {
      char[] chars = new char[random.nextInt(10)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = pool[random.nextInt(pool.length)];
      }
      String text = new String(chars);
      // Unpaired surrogates encode as one '?' byte, as Spark stores such strings.
      assertEquals(text.getBytes(StandardCharsets.UTF_8).length, PerDocument.utf8Bytes(text), text);
    }
  }
}
