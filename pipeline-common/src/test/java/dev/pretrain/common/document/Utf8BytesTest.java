package dev.pretrain.common.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8BytesTest {
  @Test
  void equalsTheEncodedLength() {
    assertEquals(0, Utf8Bytes.of(""));
    assertEquals(1 + 2 + 3 + 4, Utf8Bytes.of("a\u00e9\u20ac\uD83D\uDE00"));
    Random random = new Random(5);
    char[] pool = {'a', '\u00e9', '\u0800', '\uFFFD', '\uD83D', '\uDE00', '\n'};
    for (int t = 0; t < 5_000; t++) {
      char[] chars = new char[random.nextInt(10)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = pool[random.nextInt(pool.length)];
      }
      String text = new String(chars);
      // Unpaired surrogates encode as one '?' byte, as Spark stores such strings.
      assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8Bytes.of(text), text);
    }
  }
}
