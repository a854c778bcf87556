package dev.pretrain.common.document;

/** The UTF-8 size of text, without encoding it (for byte counts in reports and manifests). */
public final class Utf8Bytes {
  private Utf8Bytes() {}

  /**
   * Bytes of {@code text} in UTF-8 as Java and Spark encode it: an unpaired surrogate becomes
   * one "?" byte.
   */
  public static long of(String text) {
    long bytes = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }
}
