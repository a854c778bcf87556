package dev.pretrain.dedup.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {
  @Test
  void detectsPagesByTheirStartOrByManyTags() {
    assertTrue(HtmlDetector.looksLikeHtml("\ufeff  <!DOCTYPE html><title>x</title>"));
    assertTrue(HtmlDetector.looksLikeHtml("<HTML><body>hi</body></HTML>"));
    assertTrue(HtmlDetector.looksLikeHtml("Intro <div><p>One</p><p>Two</p><br></div>"));
  }

  @Test
  void proseThatMentionsTagsIsNotHtml() {
    assertFalse(HtmlDetector.looksLikeHtml("Plain text."));
    assertFalse(HtmlDetector.looksLikeHtml("Use <br> for a break and <p> for a paragraph; a < b > c."));
    // Four tags and a closing one: under the five-tag minimum.
    assertFalse(HtmlDetector.looksLikeHtml("say <b>hi</b> and <i>bye</i>"));
    assertTrue(HtmlDetector.looksLikeHtml("say <b>hi</b> and <i>bye</i> <br>"));
  }

  @Test
  void keepsBlockStructureAndDropsScripts() {
    String html = "<!doctype html><html><head><title>Page</title><style>p{color:red}</style>"
        + "<script>var x = 1;</script></head><body><h1>Heading</h1><p>First   paragraph with "
        + "<b>bold</b> text.</p><div>A div<br>with a break</div><ul><li>one</li><li>two</li></ul>"
        + "<table><tr><td>a</td><td>b</td></tr></table><pre>keep   this\n  spacing</pre></body></html>";
    CleanCounters c = new CleanCounters();
    String text = new HtmlToText().apply(html, c);
    assertEquals("Page\n\nHeading\n\nFirst paragraph with bold text.\n\nA div\nwith a break\n\none\ntwo\n\n"
        + "a b\n\nkeep   this\n  spacing", text);
    assertEquals(1, c.get("html.converted-documents"));
  }

  @Test
  void textThatIsNotHtmlPassesUnchanged() {
    String text = "if a < b and c > d then <maybe>";
    assertSame(text, new HtmlToText().apply(text, new CleanCounters()));
  }

  @Test
  void entitiesAreDecoded() {
    assertEquals("Fish & chips \u2014 5 \u20ac", new HtmlToText().apply("<html><p>Fish &amp; chips &mdash; 5 &euro;</p></html>",
        new CleanCounters()));
  }
}
