package dev.pretrain.common.read.charset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/** The plausibility threshold separates the fixture's right decodings from the usual wrong ones. */
class MisdecodingTest {
  private static double score(String text) {
    return Misdecoding.score(text, Integer.MAX_VALUE);
  }

  /** The text's bytes in {@code encoding} read as {@code decoding}, as a mis-declared page would be. */
  private static String misread(String text, String encoding, String decoding) {
    return new String(text.getBytes(Charset.forName(encoding)), WebCharset.forLabel(decoding).orElseThrow().decoder());
  }

  @Test
  void correctTextsScoreFarBelowTheThreshold() {
    for (String lang : new String[] {"ru", "ja", "zh-hans", "zh-hant", "ko", "pl", "fr"}) {
      double s = score(PageDecoderFixture.text(lang));
      assertTrue(s < 0.05, lang + " scored " + s);
    }
    assertTrue(score("Zażółć gęślą jaźń. Příliš žluťoučký kůň úpěl ďábelské ódy. Größe, Ärger, Öl.") < 0.1);
  }

  @Test
  void commonMisdecodingsScoreAboveIt() {
    String ru = PageDecoderFixture.text("ru");
    String[][] cases = {
        {PageDecoderFixture.text("fr"), "UTF-8", "windows-1252"},
        {ru, "UTF-8", "windows-1252"},
        {ru, "windows-1251", "windows-1252"},
        {ru, "KOI8-R", "windows-1251"},
        {ru, "windows-1251", "KOI8-R"},
        {PageDecoderFixture.text("pl"), "ISO-8859-2", "windows-1252"},
        {PageDecoderFixture.text("ko"), "EUC-KR", "windows-1252"},
        {PageDecoderFixture.text("ja"), "EUC-JP", "Shift_JIS"}};
    for (String[] c : cases) {
      double s = score(misread(c[0], c[1], c[2]));
      assertTrue(s > PageDecoder.IMPLAUSIBLE, c[1] + " read as " + c[2] + " scored " + s);
    }
  }
}
