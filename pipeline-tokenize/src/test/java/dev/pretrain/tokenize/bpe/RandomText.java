package dev.pretrain.tokenize.bpe;

import java.util.Random;

/**
 * Seeded random strings of valid Unicode, weighted towards what breaks tokenizers: ASCII letters,
 * digits, punctuation and apostrophes, runs of assorted whitespace, Latin-1, CJK, Arabic,
 * supplementary-plane emoji and combining marks.
 */
public final class RandomText {
  private static final int[][] RANGES = {
    {'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'!', '/'}, {'\'', '\''}, {' ', ' '}, {'\n', '\n'},
    {'\t', '\r'}, {0xA0, 0xFF}, {0x300, 0x36F}, {0x600, 0x6FF}, {0x4E00, 0x4FFF}, {0x3040, 0x30FF},
    {0x2000, 0x206F}, {0x1F300, 0x1F64F}, {0x10000, 0x1FFFF}, {0x3000, 0x3000}, {0x85, 0x85},
  };

  private RandomText() {}

  public static String next(Random random, int maxCodePoints) {
    int n = random.nextInt(maxCodePoints + 1);
    StringBuilder sb = new StringBuilder(n * 2);
    while (sb.codePointCount(0, sb.length()) < n) {
      int[] range = RANGES[random.nextInt(RANGES.length)];
      int run = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
      for (int i = 0; i < run; i++) {
        int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
        if (Character.isDefined(cp) && !Character.isSurrogate((char) cp) || cp > 0xFFFF) {
          sb.appendCodePoint(cp);
        }
      }
    }
    return sb.toString();
  }
}
