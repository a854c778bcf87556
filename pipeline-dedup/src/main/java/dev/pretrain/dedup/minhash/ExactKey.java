package dev.pretrain.dedup.minhash;

/**
 * The exact-dedup key: a 128-bit hash of the dedup-normalized text (two {@link Hash64} lanes with
 * different seeds). Normalized rather than cleaned text, so copies that differ only in case,
 * punctuation, accents, spacing or numbers count as the same document, and documents too short
 * for a MinHash signature still meet their copies here. 128 bits keep accidental collisions
 * negligible at any corpus size (about n^2 / 2^129).
 */
public record ExactKey(long high, long low) {
  private static final long SEED_HIGH = 0x243F6A8885A308D3L;
  private static final long SEED_LOW = 0x13198A2E03707344L;

  public static ExactKey of(DedupNormalizer normalizer, CharSequence text) {
    int len = normalizer.normalize(text);
    return ofNormalized(normalizer.buffer(), len);
  }

  /** The key of text a {@link DedupNormalizer} already normalized into {@code chars[0, len)}. */
  public static ExactKey ofNormalized(char[] chars, int len) {
    long[] lanes = Hash64.chars(chars, 0, len, SEED_HIGH, SEED_LOW);
    return new ExactKey(lanes[0], lanes[1]);
  }

  /** 32 lower-case hex digits. */
  public String hex() {
    return String.format("%016x%016x", high, low);
  }
}
