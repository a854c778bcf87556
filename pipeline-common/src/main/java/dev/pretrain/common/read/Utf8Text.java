package dev.pretrain.common.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer out = CharBuffer.allocate(length + 16);
    int malformed = 0;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isUnderflow()) {
        break;
      }
      if (result.isOverflow()) {
        out = grow(out);
        continue;
      }
      // Malformed or unmappable: skip the bad bytes, write one replacement character.
      in.position(in.position() + result.length());
      if (!out.hasRemaining()) {
        out = grow(out);
      }
      out.put('\uFFFD');
      malformed++;
    }
    try {
      CoderResult flush = decoder.flush(out);
      if (flush.isError()) {
        flush.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("UTF-8 decoder failed to flush", e);
    }
    out.flip();
    return new Utf8Text(out.toString(), malformed);
  }

  private static CharBuffer grow(CharBuffer out) {
    CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
    out.flip();
    bigger.put(out);
    return bigger;
  }

  /** Malformed sequences per decoded character; 0 for empty text. */
  double malformedFraction() {
    return text.isEmpty() ? 0 : (double) malformed / text.length();
  }
}
