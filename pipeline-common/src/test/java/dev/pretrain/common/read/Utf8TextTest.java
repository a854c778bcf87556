package dev.pretrain.common.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  @Test
  void validTextDecodesUnchangedWithNoMalformedSequences() {
    String text = "Gr\u00fc\u00dfe \u6771\u4eac \ud83d\ude00";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(new Utf8Text(text, 0), Utf8Text.decode(bytes, 0, bytes.length));
  }

  @Test
  void eachMalformedSequenceBecomesOneReplacementCharacterAndIsCounted() {
    byte[] bytes = {'a', (byte) 0xC3, '(', 'b', (byte) 0xFF, 'c', (byte) 0xE2, (byte) 0x82};
    Utf8Text decoded = Utf8Text.decode(bytes, 0, bytes.length);
    assertEquals("a\uFFFD(b\uFFFDc\uFFFD", decoded.text());
    assertEquals(3, decoded.malformed());
    assertEquals(3.0 / 7, decoded.malformedFraction(), 1e-12);
  }

  @Test
  void aRealReplacementCharacterInValidTextIsNotCountedAsMalformed() {
    byte[] bytes = "x\uFFFDy".getBytes(StandardCharsets.UTF_8);
    assertEquals(0, Utf8Text.decode(bytes, 0, bytes.length).malformed());
  }
}
