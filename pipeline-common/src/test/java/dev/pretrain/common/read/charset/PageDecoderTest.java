package dev.pretrain.common.read.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.read.charset.DecodedPage.Decision;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageDecoderTest {
  /** Counts detector calls, to show which paths run it. */
  private static final class CountingDetector extends StatisticalDetector {
    int calls;

    @Override
    List<Guess> guesses(byte[] bytes, int offset, int length, int prefixBytes) {
      calls++;
      return super.guesses(bytes, offset, length, prefixBytes);
    }
  }

  private static final String FRENCH = PageDecoderFixture.text("fr");

  private static DecodedPage decode(byte[] bytes, String contentType) {
    return new PageDecoder().decode(bytes, 0, bytes.length, contentType);
  }

  private static byte[] page(String head, String body, String charset) {
    return PageDecoderFixture.html("t", head, body).getBytes(Charset.forName(charset));
  }

  @Test
  void repairsUtf8DeclaredAsLatin1AndFlagsIt() {
    String body = "Un café crème, déjà servi à l’hôtel de la gare.";
    String html = PageDecoderFixture.html("t", "", body);
    for (String contentType : List.of("text/html; charset=ISO-8859-1", "text/html; charset=windows-1252")) {
      DecodedPage page = decode(html.getBytes(StandardCharsets.UTF_8), contentType);
      assertEquals(html, page.text());
      assertEquals("UTF-8", page.charset());
      assertEquals(Decision.DETECTED, page.decidedBy());
      assertTrue(page.mojibakeRepaired());
    }
    String withMeta = PageDecoderFixture.html("t", PageDecoderFixture.meta("latin1", false), body);
    DecodedPage page = decode(withMeta.getBytes(StandardCharsets.UTF_8), null);
    assertEquals(withMeta, page.text());
    assertTrue(page.mojibakeRepaired());
  }

  @Test
  void keepsACorrectWindows1252Declaration() {
    String body = "Un café, s’il vous plaît. " + FRENCH;
    for (String label : List.of("windows-1252", "iso-8859-1")) {
      byte[] bytes = page("", body, "windows-1252");
      DecodedPage page = decode(bytes, "text/html; charset=" + label);
      assertEquals(PageDecoderFixture.html("t", "", body), page.text());
      assertEquals("windows-1252", page.charset());
      assertEquals(Decision.HTTP, page.decidedBy());
      assertFalse(page.mojibakeRepaired());
    }
    String shortPage = PageDecoderFixture.html("t", PageDecoderFixture.meta("iso-8859-1", false), "café");
    DecodedPage page = decode(shortPage.getBytes(Charset.forName("windows-1252")), null);
    assertEquals(shortPage, page.text());
    assertEquals(Decision.META, page.decidedBy());
  }

  @Test
  void pureAsciiTakesTheFastPathWithoutTheDetector() {
    CountingDetector detector = new CountingDetector();
    PageDecoder decoder = new PageDecoder(detector);
    byte[] ascii = page("", "Plain ASCII text, nothing else.", "US-ASCII");
    DecodedPage undeclared = decoder.decode(ascii, 0, ascii.length, null);
    assertEquals(new String(ascii, StandardCharsets.US_ASCII), undeclared.text());
    assertEquals(Decision.DEFAULT, undeclared.decidedBy());
    assertEquals("UTF-8", undeclared.charset());
    DecodedPage declared = decoder.decode(ascii, 0, ascii.length, "text/html; charset=koi8-r");
    assertEquals(Decision.HTTP, declared.decidedBy());
    assertEquals("KOI8-R", declared.charset());
    assertEquals(0, detector.calls);
    // The counter does count: an undeclared legacy page runs the detector once.
    byte[] russian = page("", PageDecoderFixture.text("ru"), "windows-1251");
    assertEquals("windows-1251", decoder.decode(russian, 0, russian.length, null).charset());
    assertEquals(1, detector.calls);
  }

  @Test
  void correctDeclarationOfALegacyPageSkipsTheDetector() {
    CountingDetector detector = new CountingDetector();
    byte[] russian = page(PageDecoderFixture.meta("windows-1251", false), PageDecoderFixture.text("ru"), "windows-1251");
    DecodedPage page = new PageDecoder(detector).decode(russian, 0, russian.length, null);
    assertEquals(Decision.META, page.decidedBy());
    assertEquals(0, detector.calls);
  }

  @Test
  void byteOrderMarkWinsOverContradictingDeclarations() {
    String html = PageDecoderFixture.html("t", PageDecoderFixture.meta("shift_jis", false), "Съешь же ещё этих булок.");
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    DecodedPage page = decode(bytes, "text/html; charset=windows-1251");
    assertEquals(html, page.text());
    assertEquals("UTF-8", page.charset());
    assertEquals(Decision.BOM, page.decidedBy());

    byte[] utf16 = ("\uFEFF" + html).getBytes(StandardCharsets.UTF_16BE);
    DecodedPage be = decode(utf16, "text/html; charset=iso-8859-1");
    assertEquals(html, be.text());
    assertEquals("UTF-16BE", be.charset());
    assertEquals(Decision.BOM, be.decidedBy());
  }

  @Test
  void countsInvalidBytesAsReplacements() {
    byte[] good = page("", "Zażółć gęślą jaźń", "UTF-8");
    byte[] bad = new byte[good.length + 3];
    int cut = good.length / 2;
    System.arraycopy(good, 0, bad, 0, cut);
    bad[cut] = (byte) 0xFF;             // never valid in UTF-8
    bad[cut + 1] = (byte) 0x80;         // a continuation byte with no lead
    bad[cut + 2] = (byte) 0xE2;         // a lead byte cut short by the ASCII that follows
    System.arraycopy(good, cut, bad, cut + 3, good.length - cut);
    DecodedPage page = decode(bad, "text/html; charset=utf-8");
    assertEquals("UTF-8", page.charset());
    assertEquals(Decision.HTTP, page.decidedBy());
    assertEquals(3, page.replacements());
    assertEquals(3, page.text().chars().filter(c -> c == 0xFFFD).count());
    assertEquals(3.0 / page.text().length(), page.replacementFraction(), 1e-12);
    String expected = new String(good, StandardCharsets.UTF_8);
    assertEquals(expected, page.text().replace("\uFFFD\uFFFD\uFFFD", ""));
  }

  @Test
  void decodesEmptyInput() {
    DecodedPage page = decode(new byte[0], null);
    assertEquals("", page.text());
    assertEquals(0, page.replacements());
    assertEquals(0.0, page.replacementFraction());
    assertEquals(Decision.DEFAULT, page.decidedBy());
    DecodedPage declared = new PageDecoder().decode(new byte[] {'x'}, 1, 0, "text/html; charset=utf-8");
    assertEquals("", declared.text());
    assertEquals(Decision.HTTP, declared.decidedBy());
  }

  @Test
  void shortPagesWithACorrectDeclarationDecodeRight() {
    String[][] cases = {
        {"windows-1251", "Привет, мир!"}, {"koi8-r", "Привет, мир!"}, {"shift_jis", "こんにちは"},
        {"euc-jp", "こんにちは"}, {"gb18030", "你好"}, {"big5", "你好"}, {"euc-kr", "안녕하세요"},
        {"iso-8859-2", "Dzień dobry"}, {"windows-1252", "Grüß Gott"}};
    for (String[] c : cases) {
      String html = PageDecoderFixture.html("t", PageDecoderFixture.meta(c[0], false), c[1]);
      Charset charset = WebCharset.forLabel(c[0]).orElseThrow().decoder();
      DecodedPage page = decode(html.getBytes(charset), null);
      assertEquals(html, page.text(), c[0]);
      assertEquals(Decision.META, page.decidedBy(), c[0]);
      DecodedPage viaHttp = decode(PageDecoderFixture.html("t", "", c[1]).getBytes(charset), "text/html; charset=" + c[0]);
      assertEquals(Decision.HTTP, viaHttp.decidedBy(), c[0]);
    }
  }

  @Test
  void httpWinsOverMetaAndAWrongHttpYieldsToACorrectMeta() {
    String text = PageDecoderFixture.text("ru");
    byte[] bothRight = page(PageDecoderFixture.meta("cp1251", false), text, "windows-1251");
    assertEquals(Decision.HTTP, decode(bothRight, "text/html; charset=windows-1251").decidedBy());
    // The server's default latin-1 over a page that declares itself correctly.
    byte[] metaRight = page(PageDecoderFixture.meta("windows-1251", false), text, "windows-1251");
    DecodedPage page = decode(metaRight, "text/html; charset=ISO-8859-1");
    assertEquals(Decision.META, page.decidedBy());
    assertEquals(PageDecoderFixture.html("t", PageDecoderFixture.meta("windows-1251", false), text), page.text());
  }

  @Test
  void unknownLabelsAreIgnored() {
    String html = PageDecoderFixture.html("t", PageDecoderFixture.meta("windows-1251", true), PageDecoderFixture.text("ru"));
    byte[] bytes = html.getBytes(Charset.forName("windows-1251"));
    DecodedPage page = decode(bytes, "text/html; charset=x-no-such-charset");
    assertEquals(Decision.META, page.decidedBy());
    assertEquals(html, page.text());
  }

  @Test
  void decodesTheGivenRangeOnly() {
    byte[] body = page("", "Grüße aus Köln", "UTF-8");
    byte[] padded = new byte[body.length + 20];
    java.util.Arrays.fill(padded, (byte) 0xFF);
    System.arraycopy(body, 0, padded, 10, body.length);
    DecodedPage page = new PageDecoder().decode(padded, 10, body.length, null);
    assertEquals(new String(body, StandardCharsets.UTF_8), page.text());
    assertEquals(0, page.replacements());
  }

  // The three below are what the extraction dev set's real pages showed (CharsetDetectionBench).

  @Test
  void keepsDeclaredUtf8WithTypographyAndAFewStrayBytes() {
    String english = "Tips for hydrangea care—whether they’re in a vase, potted, or in the ground—for "
        + "beautiful blooms. “Water early,” she said. ";
    byte[] typography = page(PageDecoderFixture.meta("utf-8", false), english, "UTF-8");
    DecodedPage clean = decode(typography, null);
    assertEquals("UTF-8", clean.charset());
    assertEquals(Decision.META, clean.decidedBy());
    // A UTF-8 German page with one latin-1 byte in a comment: UTF-8 with one replacement.
    String german = PageDecoderFixture.html("t", PageDecoderFixture.meta("utf-8", false),
        "So schön winterlich ist es wie schon lange nicht mehr. Grüße aus München und Köln, über die Brücke. "
            .repeat(3) + "<!-- Bl\u00e4tterfunktion -->");
    byte[] utf8 = german.getBytes(StandardCharsets.UTF_8);
    byte[] stray = new byte[utf8.length - 1];
    int at = german.indexOf("Bl\u00e4") + 2;
    int byteAt = german.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    System.arraycopy(utf8, 0, stray, 0, byteAt);
    stray[byteAt] = (byte) 0xE4; // ä in latin-1
    System.arraycopy(utf8, byteAt + 2, stray, byteAt + 1, utf8.length - byteAt - 2);
    DecodedPage page = decode(stray, null);
    assertEquals("UTF-8", page.charset());
    assertEquals(Decision.META, page.decidedBy());
    assertEquals(1, page.replacements());
    assertEquals(german.replace("Bl\u00e4", "Bl\uFFFD"), page.text());
  }

  @Test
  void aLegacyPageWithAnUnmappableByteKeepsItsDeclaration() {
    String french = PageDecoderFixture.html("t", "", FRENCH);
    byte[] bytes = french.getBytes(Charset.forName("windows-1252"));
    int at = french.indexOf("crêpes");
    bytes[at] = (byte) 0x81; // undefined in windows-1252
    DecodedPage page = decode(bytes, "text/html; charset=iso-8859-1");
    assertEquals("windows-1252", page.charset());
    assertEquals(Decision.HTTP, page.decidedBy());
    assertEquals(1, page.replacements());
  }

  @Test
  void detectsWindows1250WhereTheDetectorSaysIso88592() {
    String polish = PageDecoderFixture.html("t", "", PageDecoderFixture.text("pl"));
    for (String charset : List.of("windows-1250", "ISO-8859-2")) {
      DecodedPage page = decode(polish.getBytes(Charset.forName(charset)), null);
      assertEquals(polish, page.text(), charset);
      assertEquals(charset, page.charset());
      assertEquals(Decision.DETECTED, page.decidedBy());
    }
  }

  @Test
  void aPageWithOneLegacyByteUnderAWrongUtf8HeaderIsReadInTheLegacyCharset() {
    // One byte decides nothing between the Latin tables, so the page has English text around it.
    String english = "The ferry leaves the harbour at seven in the morning and returns after dark. "
        + "Tickets are sold at the office on the pier, and the crossing takes about two hours. ";
    String html = PageDecoderFixture.html("t", "", "<!-- eStat Javascript D\u00C8but --> " + english.repeat(4));
    DecodedPage page = decode(html.getBytes(Charset.forName("windows-1252")), "text/html; charset=utf-8");
    assertEquals(html, page.text());
    assertEquals("windows-1252", page.charset());
    assertEquals(Decision.DETECTED, page.decidedBy());
  }

  @Test
  void utf16IsTakenFromTheHeaderOnlyWhenTheBytesHaveNuls() {
    String html = PageDecoderFixture.html("t", "", "Grüße aus Köln");
    DecodedPage utf8 = decode(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-16");
    assertEquals(html, utf8.text());
    assertEquals("UTF-8", utf8.charset());
    DecodedPage utf16 = decode(html.getBytes(StandardCharsets.UTF_16LE), "text/html; charset=utf-16le");
    assertEquals(html, utf16.text());
    assertEquals(Decision.HTTP, utf16.decidedBy());
  }
}
