package dev.pretrain.common.read.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentTypeCharsetTest {
  @Test
  void readsTheCharsetParameter() {
    assertEquals(Optional.of("utf-8"), ContentTypeCharset.label("text/html; charset=utf-8"));
    assertEquals(Optional.of("Windows-1251"), ContentTypeCharset.label("text/html;Charset=\"Windows-1251\""));
    assertEquals(Optional.of("koi8-r"), ContentTypeCharset.label("text/html; q=\"a;b\"; flag; charset=koi8-r; x=y"));
    assertEquals(Optional.empty(), ContentTypeCharset.label("text/html"));
    assertEquals(Optional.empty(), ContentTypeCharset.label("text/html; charset="));
    assertEquals(Optional.empty(), ContentTypeCharset.label(null));
  }

  @Test
  void mapsLabelsTheWhatwgWay() {
    assertEquals("windows-1252", ContentTypeCharset.of("text/html; charset=ISO-8859-1").orElseThrow().name());
    assertEquals("windows-1252", ContentTypeCharset.of("text/html; charset=us-ascii").orElseThrow().name());
    assertEquals("gb18030", ContentTypeCharset.of("text/html; charset=GBK").orElseThrow().name());
    assertEquals("EUC-KR", ContentTypeCharset.of("text/html; charset=ks_c_5601-1987").orElseThrow().name());
    assertEquals("windows-1254", ContentTypeCharset.of("text/html; charset=latin5").orElseThrow().name());
    assertEquals(Optional.empty(), ContentTypeCharset.of("text/html; charset=iso-2022-kr"));
    assertEquals(Optional.empty(), ContentTypeCharset.of("text/html; charset=none"));
  }

  @Test
  void everyEncodingsNameIsAlsoOneOfItsLabels() {
    for (String name : new String[] {"UTF-8", "windows-1251", "KOI8-R", "Shift_JIS", "EUC-JP", "gb18030", "Big5",
        "EUC-KR", "ISO-8859-2", "windows-1250", "windows-1252", "ISO-2022-JP", "UTF-16LE", "UTF-16BE", "IBM866",
        "macintosh", "x-mac-cyrillic", "windows-874", "ISO-8859-8-I"}) {
      assertEquals(name, WebCharset.forLabel(name).orElseThrow(() -> new AssertionError(name)).name());
    }
  }
}
