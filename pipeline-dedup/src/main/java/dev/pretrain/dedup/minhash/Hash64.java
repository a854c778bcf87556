package dev.pretrain.dedup.minhash;

/**
 * A fast 64-bit hash of chars and longs, written for this project in the style of xxHash64
 * (its five primes and round function: multiply, rotate by 31, multiply) with MurmurHash3's
 * {@code fmix64} as the finalizer, so every input bit reaches every output bit. Chars are read
 * four at a time as one 64-bit lane. Not a cryptographic hash: collisions are as rare as a good
 * 64-bit hash allows (about n^2 / 2^65 for n distinct inputs), which is what shingles and exact
 * dedup keys need.
 */
public final class Hash64 {
  // xxHash64's primes (Collet, xxHash specification).
  static final long P1 = 0x9E3779B185EBCA87L;
  static final long P2 = 0xC2B2AE3D27D4EB4FL;
  static final long P3 = 0x165667B19E3779F9L;
  static final long P4 = 0x85EBCA77C2B2AE63L;
  static final long P5 = 0x27D4EB2F165667C5L;

  private Hash64() {}

  /** MurmurHash3's 64-bit finalizer (Appleby): a bijection that mixes all bits. */
  public static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xFF51AFD7ED558CCDL;
    k ^= k >>> 33;
    k *= 0xC4CEB9FE1A85EC53L;
    k ^= k >>> 33;
    return k;
  }

  private static long round(long acc, long lane) {
    acc += lane * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  /** Hash of {@code len} chars of {@code a} from {@code off}. */
  public static long chars(char[] a, int off, int len, long seed) {
    long h = seed + P5 + (long) len * P3;
    int i = off;
    int end = off + len;
    for (; i + 4 <= end; i += 4) {
      long lane = a[i] | ((long) a[i + 1] << 16) | ((long) a[i + 2] << 32) | ((long) a[i + 3] << 48);
      h = Long.rotateLeft(h ^ round(0, lane), 27) * P1 + P4;
    }
    if (i < end) {
      long lane = 0;
      for (int shift = 0; i < end; i++, shift += 16) {
        lane |= (long) a[i] << shift;
      }
      h = Long.rotateLeft(h ^ round(0, lane), 27) * P1 + P4;
    }
    return fmix64(h);
  }

  /**
   * {@code {chars(a, off, len, seedA), chars(a, off, len, seedB)}} in one pass over the chars
   * (the exact key's two lanes).
   */
  public static long[] chars(char[] a, int off, int len, long seedA, long seedB) {
    long ha = seedA + P5 + (long) len * P3;
    long hb = seedB + P5 + (long) len * P3;
    int i = off;
    int end = off + len;
    for (; i + 4 <= end; i += 4) {
      long lane = round(0, a[i] | ((long) a[i + 1] << 16) | ((long) a[i + 2] << 32) | ((long) a[i + 3] << 48));
      ha = Long.rotateLeft(ha ^ lane, 27) * P1 + P4;
      hb = Long.rotateLeft(hb ^ lane, 27) * P1 + P4;
    }
    if (i < end) {
      long lane = 0;
      for (int shift = 0; i < end; i++, shift += 16) {
        lane |= (long) a[i] << shift;
      }
      lane = round(0, lane);
      ha = Long.rotateLeft(ha ^ lane, 27) * P1 + P4;
      hb = Long.rotateLeft(hb ^ lane, 27) * P1 + P4;
    }
    return new long[] {fmix64(ha), fmix64(hb)};
  }

  /** Hash of a String's chars (for tests and callers outside hot loops). */
  public static long chars(CharSequence s, long seed) {
    char[] a = s.toString().toCharArray();
    return chars(a, 0, a.length, seed);
  }

  /** Hash of {@code len} longs of {@code a} from {@code off}. */
  public static long longs(long[] a, int off, int len, long seed) {
    long h = seed + P5 + (long) len * P3;
    for (int i = off; i < off + len; i++) {
      h = Long.rotateLeft(h ^ round(0, a[i]), 27) * P1 + P4;
    }
    return fmix64(h);
  }
}
