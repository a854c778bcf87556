package dev.pretrain.common.shards;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Token ids as stored in a shard's {@code tokens} column: little-endian int32, so any vocabulary
 * size fits (no uint16 overflow past 65,535) and readers in any language can map the bytes.
 */
public final class TokenCodec {
  private TokenCodec() {}

  public static byte[] encode(int[] ids, int from, int length) {
    ByteBuffer out = ByteBuffer.allocate(length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.asIntBuffer().put(ids, from, length);
    return out.array();
  }

  public static int[] decode(byte[] bytes) {
    int[] ids = new int[checkedCount(bytes)];
    decodeInto(bytes, ids, 0);
    return ids;
  }

  /** Decodes into {@code target} at {@code offset}, for readers that reuse one batch buffer. */
  public static void decodeInto(byte[] bytes, int[] target, int offset) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(target, offset, checkedCount(bytes));
  }

  private static int checkedCount(byte[] bytes) {
    if (bytes.length % Integer.BYTES != 0) {
      throw new IllegalArgumentException("a tokens value has " + bytes.length + " bytes, not a multiple of 4");
    }
    return bytes.length / Integer.BYTES;
  }
}
