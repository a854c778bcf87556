package dev.pretrain.dedup.paragraphs;

import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.minhash.Hash64;

/**
 * The 64-bit key of a paragraph or line: {@link Hash64} of its dedup-normalized text (the
 * normalization of exact dedup: case, punctuation, accents, digits and spacing aside), so that
 * "Posted by Ann at 10:31" and "Posted by Bob at 9:02" differ only in the name. Not thread-safe
 * (it holds the normalizer's buffers): one per task.
 */
final class UnitHasher {
  /** Fixed: the counts of two runs (a refresh and its {@code --against} output) must use the same keys. */
  static final long SEED = 0x70617261677261L; // "paragra"

  private final DedupNormalizer normalizer = new DedupNormalizer();
  private final int minLength;

  /** @param minLength units with a shorter normalized text get no key (never counted, never removed) */
  UnitHasher(int minLength) {
    this.minLength = minLength;
  }

  /** Normalizes {@code unit}; true when it is long enough to have a key, then {@link #key()} is its key. */
  boolean normalize(CharSequence unit) {
    return normalizer.normalize(unit) >= Math.max(1, minLength);
  }

  /** The key of the unit last normalized. */
  long key() {
    return Hash64.chars(normalizer.buffer(), 0, normalizer.length(), SEED);
  }
}
