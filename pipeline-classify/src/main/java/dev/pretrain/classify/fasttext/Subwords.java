package dev.pretrain.classify.fasttext;

/**
 * A word's character n-grams as fastText computes them ({@code Dictionary::computeSubwords},
 * dictionary.cc): over the word wrapped in {@code <} and {@code >}, every run of {@code minn} to
 * {@code maxn} UTF-8 code points (a code point is a lead byte and the continuation bytes
 * {@code 10xxxxxx} after it; invalid UTF-8 is cut the same way, byte by byte), except the lone
 * markers {@code <} and {@code >}; each n-gram's {@link FastTextHash} modulo {@code bucket} is a
 * bucket, and the bucket's row comes from {@link BucketRows}.
 */
final class Subwords {
  static final byte BOW = '<';
  static final byte EOW = '>';

  private final int minn;
  private final int maxn;
  private final BucketRows rows;

  Subwords(int minn, int maxn, BucketRows rows) {
    this.minn = minn;
    this.maxn = maxn;
    this.rows = rows;
  }

  /**
   * Adds the input rows of the n-grams of {@code marked[0, length)}, a word already wrapped in its
   * markers ({@code marked[0] == '<'}, {@code marked[length - 1] == '>'}), in fastText's order:
   * by start position, then by length.
   */
  void add(byte[] marked, int length, IntList out) {
    if (maxn <= 0) {
      return;
    }
    for (int i = 0; i < length; i++) {
      if ((marked[i] & 0xC0) == 0x80) {
        continue; // not the start of a code point
      }
      int h = FastTextHash.OFFSET_BASIS;
      int j = i;
      for (int n = 1; j < length && n <= maxn; n++) {
        h = FastTextHash.step(h, marked[j++]);
        while (j < length && (marked[j] & 0xC0) == 0x80) {
          h = FastTextHash.step(h, marked[j++]);
        }
        if (n >= minn && !(n == 1 && (i == 0 || j == length))) {
          rows.add(Integer.remainderUnsigned(h, rows.bucket()), out);
        }
      }
    }
  }
}
