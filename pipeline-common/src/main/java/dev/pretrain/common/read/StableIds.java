package dev.pretrain.common.read;

import dev.pretrain.common.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Document ids for records that have none: a hash of where the record is, so reruns and retried
 * tasks give the same id (never {@code monotonically_increasing_id}, which depends on partitioning).
 */
public final class StableIds {
  private StableIds() {}

  /** 128 bits of SHA-256 over the file path and the record's byte offset (or row index), as hex. */
  public static String of(String filePath, long offset) {
    MessageDigest sha = Sha256.digest();
    sha.update(filePath.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }
}
