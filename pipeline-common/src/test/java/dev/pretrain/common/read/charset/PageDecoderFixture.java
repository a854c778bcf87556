package dev.pretrain.common.read.charset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The same texts served in ten charsets, each with a correct, a missing and a wrong declaration,
 * the declarations in the HTTP header or in a meta tag. The texts are UTF-8 resources beside this
 * class; each page is encoded here with the JDK's encoder (which must encode every character: the
 * texts avoid characters a charset lacks), so the expected decoding is the page itself.
 */
final class PageDecoderFixture {
  private PageDecoderFixture() {}

  enum Declaration { CORRECT_HTTP, CORRECT_META, MISSING, WRONG_HTTP, WRONG_META }

  /**
   * One page.
   *
   * @param name charset, declaration and which form of the text
   * @param bytes the page as served
   * @param contentType the HTTP Content-Type, or null
   * @param expected the page's text
   * @param charset the Encoding Standard's name of the charset the bytes are in
   */
  record Variant(String name, byte[] bytes, String contentType, String expected, String charset,
      Declaration declaration) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A charset of the fixture.
   *
   * @param jdk the JDK encoder's name
   * @param text the resource's name (language)
   * @param label how a correct declaration names it
   * @param wrongLabel a wrong declaration of the kind the web has
   * @param webName the Encoding Standard's name the decoder should report
   * @param httpEquiv declare in meta as http-equiv Content-Type rather than meta charset
   */
  record Served(String jdk, String text, String label, String wrongLabel, String webName, boolean httpEquiv) {}

  static final List<Served> SERVED = List.of(
      new Served("windows-1251", "ru", "windows-1251", "iso-8859-1", "windows-1251", false),
      new Served("KOI8-R", "ru", "koi8-r", "windows-1251", "KOI8-R", true),
      new Served("Shift_JIS", "ja", "shift_jis", "euc-jp", "Shift_JIS", false),
      new Served("EUC-JP", "ja", "euc-jp", "shift_jis", "EUC-JP", true),
      new Served("GB18030", "zh-hans", "gb18030", "utf-8", "gb18030", false),
      new Served("Big5", "zh-hant", "big5", "gb2312", "Big5", true),
      new Served("EUC-KR", "ko", "euc-kr", "windows-1252", "EUC-KR", false),
      new Served("ISO-8859-2", "pl", "iso-8859-2", "windows-1252", "ISO-8859-2", true),
      new Served("windows-1252", "fr", "iso-8859-1", "utf-8", "windows-1252", false),
      new Served("UTF-16LE", "fr", "utf-16le", "utf-8", "UTF-16LE", true));

  /** A text resource, UTF-8, without its trailing newline. */
  static String text(String name) {
    try (InputStream in = PageDecoderFixture.class.getResourceAsStream(name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name + ".txt");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small HTML page around the text, with the given tags in its head. */
  static String html(String title, String head, String body) {
    return "<!DOCTYPE html>\n<html lang=\"und\"><head>" + head + "<title>" + title + "</title>\n"
        + "<link rel=\"stylesheet\" href=\"/site.css\"></head>\n<body><nav><a href=\"/\">Home</a></nav>\n"
        + "<article><p>" + body.replace("\n\n", "</p>\n<p>") + "</p></article>\n</body></html>\n";
  }

  static String meta(String label, boolean httpEquiv) {
    return httpEquiv
        ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + label + "\">\n"
        : "<meta charset=\"" + label + "\">\n";
  }

  /** Every charset with every declaration. */
  static List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (Served s : SERVED) {
      String text = text(s.text());
      for (Declaration d : Declaration.values()) {
        String head = switch (d) {
          case CORRECT_META -> meta(s.label(), s.httpEquiv());
          case WRONG_META -> meta(s.wrongLabel(), s.httpEquiv());
          default -> "";
        };
        String contentType = switch (d) {
          case CORRECT_HTTP -> "text/html; charset=" + s.label();
          case WRONG_HTTP -> "text/html;charset=\"" + s.wrongLabel().toUpperCase(java.util.Locale.ROOT) + "\"";
          default -> null;
        };
        String page = html(s.text(), head, text);
        variants.add(new Variant(s.jdk() + " " + d, encode(page, s.jdk()), contentType, page, s.webName(), d));
      }
    }
    return variants;
  }

  /** The page in a charset, failing on a character it lacks; UTF-16 with its byte order mark. */
  static byte[] encode(String page, String charset) {
    try {
      ByteBuffer b = Charset.forName(charset).newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(page));
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      if (charset.equals("UTF-16LE")) {
        byte[] withBom = new byte[bytes.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(bytes, 0, withBom, 2, bytes.length);
        return withBom;
      }
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("the fixture's text has a character " + charset + " lacks", e);
    }
  }
}
