package dev.pretrain.classify.fasttext;

import java.nio.charset.StandardCharsets;

/**
 * fastText's string hash ({@code Dictionary::hash}, dictionary.cc): 32-bit FNV-1a over the UTF-8
 * bytes, except that each byte is sign-extended before the XOR ({@code uint32_t(int8_t(c))}).
 * Released models were trained with the signed-char form, so fastText kept it: bytes of 0x80 and
 * above XOR 0xFFFFFF80..0xFFFFFFFF rather than 0x80..0xFF. In Java a {@code byte} already is that
 * signed value, so {@code h ^ b} is the quirk itself. The result is an unsigned 32-bit value held
 * in an int; reduce it with {@link Integer#remainderUnsigned}.
 */
public final class FastTextHash {
  /** FNV-1a's 32-bit offset basis, 2166136261 as a signed int. */
  public static final int OFFSET_BASIS = 0x811C9DC5;
  /** FNV's 32-bit prime. */
  public static final int PRIME = 16777619;

  private FastTextHash() {}

  /** The hash of {@code bytes[from, to)}. */
  public static int of(byte[] bytes, int from, int to) {
    int h = OFFSET_BASIS;
    for (int i = from; i < to; i++) {
      h = (h ^ bytes[i]) * PRIME;
    }
    return h;
  }

  /** The hash of a string's UTF-8 bytes. */
  public static int of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return of(bytes, 0, bytes.length);
  }

  /** One more byte into a running hash (for n-grams hashed as they grow). */
  static int step(int h, byte b) {
    return (h ^ b) * PRIME;
  }
}
