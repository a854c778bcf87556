package dev.pretrain.tokenize.bpe;

/**
 * GPT-2's reversible byte-to-character map ({@code bytes_to_unicode} in openai/gpt-2
 * src/encoder.py, HF's ByteLevel): printable Latin-1 bytes ({@code !..~}, {@code ¡..¬},
 * {@code ®..ÿ}) stand for themselves; the other 68 bytes take U+0100 upwards in byte order, so
 * a space is {@code Ġ} (U+0120) and a newline {@code Ċ} (U+010A). Every vocabulary string of a
 * byte-level BPE is spelled in these 256 characters.
 */
public final class ByteLevelAlphabet {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final short[] CHAR_TO_BYTE = new short[0x144];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, (short) -1);
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      char c = printable ? (char) b : (char) next++;
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = (short) b;
    }
  }

  private ByteLevelAlphabet() {}

  public static char charOf(int unsignedByte) {
    return BYTE_TO_CHAR[unsignedByte];
  }

  /** The byte a character stands for, or -1 if it is not one of the 256 alphabet characters. */
  public static int byteOf(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** Spells raw bytes in the alphabet. */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(out);
  }

  /** The bytes a vocabulary string stands for, or null if it has a character outside the alphabet. */
  public static byte[] decode(String token) {
    byte[] out = new byte[token.length()];
    for (int i = 0; i < out.length; i++) {
      int b = byteOf(token.charAt(i));
      if (b < 0) {
        return null;
      }
      out[i] = (byte) b;
    }
    return out;
  }
}
