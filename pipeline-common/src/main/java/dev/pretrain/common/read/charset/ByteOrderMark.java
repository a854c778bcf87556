package dev.pretrain.common.read.charset;

/**
 * The byte order marks a browser honours before anything else (WHATWG Encoding, "BOM sniff"):
 * UTF-8 {@code EF BB BF}, UTF-16BE {@code FE FF}, UTF-16LE {@code FF FE}.
 *
 * @param charset the encoding the mark announces
 * @param length the mark's length in bytes, skipped before decoding
 */
record ByteOrderMark(WebCharset charset, int length) {
  /** The mark at {@code offset}, or null if there is none. */
  static ByteOrderMark at(byte[] bytes, int offset, int length) {
    if (length >= 3 && (bytes[offset] & 0xFF) == 0xEF && (bytes[offset + 1] & 0xFF) == 0xBB
        && (bytes[offset + 2] & 0xFF) == 0xBF) {
      return new ByteOrderMark(WebCharset.UTF_8, 3);
    }
    if (length >= 2 && (bytes[offset] & 0xFF) == 0xFE && (bytes[offset + 1] & 0xFF) == 0xFF) {
      return new ByteOrderMark(WebCharset.UTF_16BE, 2);
    }
    if (length >= 2 && (bytes[offset] & 0xFF) == 0xFF && (bytes[offset + 1] & 0xFF) == 0xFE) {
      return new ByteOrderMark(WebCharset.UTF_16LE, 2);
    }
    return null;
  }
}
