package dev.pretrain.tokenize.shards;

import dev.pretrain.common.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Hashes that depend only on their inputs (never on partitioning, JVM or run), so splits, pack
 * groups and samples are the same on every run and every retry.
 */
public final class StableHash {
  private StableHash() {}

  /** 64 bits of SHA-256({@code salt} NUL {@code id}); different salts give independent choices. */
  public static long ofId(String salt, String id) {
    MessageDigest sha = Sha256.digest();
    sha.update(salt.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] d = sha.digest(id.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  /** A uniform number in [0, 1) from a hash: its top 53 bits. */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** True for a fraction {@code fraction} of ids, the same ids on every run. */
  public static boolean chosen(String salt, String id, double fraction) {
    return unit(ofId(salt, id)) < fraction;
  }

  /** The pack group of a document: uniform in [0, groups). */
  public static int group(String id, int groups) {
    return (int) Long.remainderUnsigned(ofId("pack-group", id), groups);
  }

  /** 64 bits of a document's ids, to order documents that share an id the same way on every run. */
  public static long ofIds(byte[] littleEndianIds) {
    long h = 0x9E3779B97F4A7C15L ^ littleEndianIds.length;
    for (int i = 0; i + 3 < littleEndianIds.length; i += 4) {
      int id = (littleEndianIds[i] & 0xff) | (littleEndianIds[i + 1] & 0xff) << 8
          | (littleEndianIds[i + 2] & 0xff) << 16 | (littleEndianIds[i + 3] & 0xff) << 24;
      h = mix(h ^ id);
    }
    return h;
  }

  /** SplitMix64's finalizer (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
