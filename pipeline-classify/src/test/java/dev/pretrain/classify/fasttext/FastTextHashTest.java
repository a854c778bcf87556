package dev.pretrain.classify.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * fastText's hash is 32-bit FNV-1a with each byte sign-extended before the XOR. The expected values
 * were computed apart (Python, both forms of the XOR); the end-to-end oracle is
 * FastTextIdentityTest, whose non-ASCII lines only match fastText with the signed form.
 */
class FastTextHashTest {

  @Test
  void asciiHashesAsPlainFnv1a() {
    assertEquals(0x811C9DC5, FastTextHash.of(""));
    assertEquals(0xE40C292C, FastTextHash.of("a"));
    assertEquals(0xD79C9359, FastTextHash.of("</s>"));
  }

  @Test
  void bytesFrom0x80SignExtendAsFastTextsSignedChars() {
    assertEquals(0x3CFA68C1, FastTextHash.of("é"));
    assertEquals(0xF8378251, FastTextHash.of("日本"));
    assertEquals(0x2400CA08, FastTextHash.of("😀"));
    assertNotEquals(0x1E9DE8C1, FastTextHash.of("é"), "the unsigned-byte FNV-1a of é, which fastText does not use");
  }

  @Test
  void hashesARangeOfBytes() {
    byte[] text = "xx</s>yy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(FastTextHash.of("</s>"), FastTextHash.of(text, 2, 6));
  }
}
