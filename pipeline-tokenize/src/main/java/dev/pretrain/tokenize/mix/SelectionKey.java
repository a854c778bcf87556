package dev.pretrain.tokenize.mix;

import dev.pretrain.tokenize.shards.StableHash;

/**
 * The 64-bit key that decides whether copy {@code copy} of a document takes part in a partial
 * epoch: SHA-256 of (seed, source, copy, id), so the choice depends on nothing but these (not on
 * partitioning, order or retries), differs between copies and sources, and changes with the seed.
 * Keys are compared as unsigned numbers; a partial epoch takes the documents whose key lies below a
 * limit, that is a seeded random subset.
 */
public final class SelectionKey {
  private SelectionKey() {}

  public static long of(long seed, String source, String id, int copy) {
    return StableHash.ofId("mix\u0000" + seed + "\u0000" + source + "\u0000" + copy, id);
  }

  /** The key's bucket among {@code 2^bits}: its top bits, so buckets follow key order. */
  public static int bucket(long key, int bits) {
    return (int) (key >>> (64 - bits));
  }
}
