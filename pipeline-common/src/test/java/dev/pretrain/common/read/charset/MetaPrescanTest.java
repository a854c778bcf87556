package dev.pretrain.common.read.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetaPrescanTest {
  private static Optional<String> found(String head) {
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    return MetaPrescan.find(bytes, 0, bytes.length).map(WebCharset::name);
  }

  @Test
  void readsBothFormsOfTheDeclaration() {
    assertEquals(Optional.of("windows-1251"), found("<html><head><META CHARSET=Windows-1251>"));
    assertEquals(Optional.of("KOI8-R"), found("<meta http-equiv='Content-Type' content='text/html;charset=koi8-r'>"));
    assertEquals(Optional.of("gb18030"), found("<meta content=\"text/html; charset=GB2312\" http-equiv=\"content-type\" />"));
    assertEquals(Optional.of("Shift_JIS"), found("<meta\tcharset=\"x-sjis\"/>"));
  }

  @Test
  void ignoresWhatBrowsersIgnore() {
    assertEquals(Optional.empty(), found("<!-- <meta charset=koi8-r> --><p>"));
    assertEquals(Optional.empty(), found("<div title=\"<meta charset=koi8-r>\">"));
    // content= without the http-equiv pragma is not a declaration
    assertEquals(Optional.empty(), found("<meta name=x content=\"text/html; charset=koi8-r\">"));
    assertEquals(Optional.empty(), found("<meta charset=\"no-such-charset\">"));
    assertEquals(Optional.empty(), found("<metadata charset=koi8-r>"));
    String late = " ".repeat(MetaPrescan.PRESCAN_BYTES) + "<meta charset=koi8-r>";
    assertEquals(Optional.empty(), found(late));
  }

  @Test
  void declaredUtf16MeansUtf8AndTheFirstKnownDeclarationWins() {
    assertEquals(Optional.of("UTF-8"), found("<meta charset=utf-16>"));
    assertEquals(Optional.of("UTF-8"), found("<meta charset=\"UTF-16LE\">"));
    assertEquals(Optional.of("ISO-8859-2"), found("<meta charset=bogus><meta charset=latin2><meta charset=utf-8>"));
    assertEquals(Optional.of("windows-1252"), found("<!--x--><meta charset=us-ascii>"));
  }

  @Test
  void extractsTheLabelFromAContentValue() {
    assertEquals("utf-8", MetaPrescan.charsetInContent("text/html; charset = \"utf-8\""));
    assertEquals("koi8-r", MetaPrescan.charsetInContent("text/html; charsetx; charset=koi8-r;foo"));
    assertEquals(null, MetaPrescan.charsetInContent("text/html; charset=\"unterminated"));
    assertEquals(null, MetaPrescan.charsetInContent("text/html"));
  }
}
