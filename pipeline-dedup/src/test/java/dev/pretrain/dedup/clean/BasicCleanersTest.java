package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BasicCleanersTest {
  @Test
  void nfcComposesDecomposedAccentsAndCountsTheDocument() {
    CleanCounters c = new CleanCounters();
    assertEquals("caf\u00e9", new UnicodeNfc().apply("cafe\u0301", c));
    assertEquals(1, c.get("nfc.changed-documents"));
    String already = "caf\u00e9";
    assertSame(already, new UnicodeNfc().apply(already, c));
    assertEquals(1, c.get("nfc.changed-documents"));
  }

  @Test
  void controlCharactersGoButTabsAndNewlinesStay() {
    CleanCounters c = new CleanCounters();
    assertEquals("a\tb\nc\nd\ne", new ControlCharacters().apply("a\tb\u0000\r\nc\rd\u0085\n\u001be", c));
    assertEquals(3, c.get("control.removed-chars"));
  }

  @Test
  void whitespaceRunsCollapseAndBlankLinesAreCapped() {
    CleanCounters c = new CleanCounters();
    String text = "  Title  \n\n\n\n\nfirst   line \u00a0 here \t\nsecond\tline   \n\n  indented\n\n\n";
    assertEquals("Title\n\n\nfirst line here\nsecond\tline\n\n indented", new Whitespace(2).apply(text, c));
    assertEquals("a\n\nb", new Whitespace(1).apply("a\n\n\n\nb", c));
    assertEquals("a\nb", new Whitespace(0).apply("a\n\n\nb", c));
  }

  @Test
  void mojibakeAndReplacementCharactersAreCountedNotChanged() {
    CleanCounters c = new CleanCounters();
    String text = "Caf\u00c3\u00a9 \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d it\u00e2\u20ac\u2122s \ufffd\ufffd";
    assertSame(text, new MojibakeCounter().apply(text, c));
    assertEquals(2, c.get("mojibake.replacement-chars"));
    assertEquals(4, c.get("mojibake.sequences"));
    assertEquals(1, c.get("mojibake.documents"));
  }

  @Test
  void correctAccentedTextIsNotMojibake() {
    CleanCounters c = new CleanCounters();
    new MojibakeCounter().apply("S\u00c3O PAULO, \u00c5land, caf\u00e9, na\u00efve \u2014 \u201cquoted\u201d", c);
    assertEquals(0, c.get("mojibake.sequences"));
  }
}
