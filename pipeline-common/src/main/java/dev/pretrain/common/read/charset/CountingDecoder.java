package dev.pretrain.common.read.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes bytes with one U+FFFD for each malformed or unmappable sequence, counting them. Keeps one
 * JDK decoder per charset, so it is as thread-confined as the {@link PageDecoder} that owns it.
 */
public final class CountingDecoder {
  /** Decoded text and how many sequences were replaced. */
  public record Result(String text, int replacements) {}

  private final Map<Charset, CharsetDecoder> decoders = new HashMap<>();

  Result decode(Charset charset, byte[] bytes, int offset, int length) {
    return decode(decoders.computeIfAbsent(charset, CountingDecoder::reporting), bytes, offset, length);
  }

  /** A decoder of the charset that reports bad input, for {@link #decode(CharsetDecoder, byte[], int, int)}. */
  public static CharsetDecoder reporting(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Decodes with a decoder that reports bad input (it is reset first), replacing and counting each bad sequence. */
  public static Result decode(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
        (long) (length * (double) decoder.averageCharsPerByte()) + 16));
    int replacements = 0;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isUnderflow()) {
        break;
      }
      if (result.isOverflow()) {
        out = grow(out);
        continue;
      }
      in.position(in.position() + result.length());
      if (!out.hasRemaining()) {
        out = grow(out);
      }
      out.put('\uFFFD');
      replacements++;
    }
    while (decoder.flush(out).isOverflow()) {
      out = grow(out);
    }
    out.flip();
    return new Result(out.toString(), replacements);
  }

  private static CharBuffer grow(CharBuffer out) {
    CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
    out.flip();
    bigger.put(out);
    return bigger;
  }
}
