package dev.pretrain.common.read;

import dev.pretrain.common.read.charset.CountingDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8, replacing each malformed sequence with U+FFFD and counting them, so a reader can
 * keep text with a few bad bytes and reject text that is mostly not UTF-8.
 *
 * @param text the decoded text
 * @param malformed how many malformed byte sequences were replaced
 */
record Utf8Text(String text, int malformed) {
  static Utf8Text decode(byte[] bytes, int offset, int length) {
    CountingDecoder.Result r = CountingDecoder.decode(CountingDecoder.reporting(StandardCharsets.UTF_8), bytes, offset, length);
    return new Utf8Text(r.text(), r.replacements());
  }

  /** Malformed sequences per decoded character; 0 for empty text. */
  double malformedFraction() {
    return text.isEmpty() ? 0 : (double) malformed / text.length();
  }
}
