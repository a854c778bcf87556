package dev.pretrain.dedup.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The curate step around the extractor: which documents it converts, what it counts and adds. */
class ExtractStepTest {
  private static final ExtractSettings FULL = new ExtractSettings(ExtractSettings.Mode.FULL, 100, 4_000_000, 100_000);
  private static final ExtractSettings MAIN = new ExtractSettings(ExtractSettings.Mode.MAIN, 100, 4_000_000, 100_000);

  private static final String PAGE = "<!doctype html><html><head><title>Page</title><style>p{color:red}</style>"
      + "<script>var x = 1;</script></head><body><h1>Heading</h1><p>First   paragraph with "
      + "<b>bold</b> text.</p><div>A div<br>with a break</div><ul><li>one</li><li>two</li></ul>"
      + "<table><tr><td>a</td><td>b</td></tr></table><pre>keep   this\n  spacing</pre></body></html>";

  @Test
  void fullModeKeepsTheWholePagesBlockStructureAndDropsScripts() {
    StepDocument doc = new StepDocument(PAGE, "https://example.org/", true);
    assertEquals(Optional.empty(), new ExtractStep(FULL).run(doc));
    assertEquals("Page\n\nHeading\n\nFirst paragraph with bold text.\n\nA div\nwith a break\n\none\ntwo\n\n"
        + "a b\n\nkeep   this\n  spacing", doc.text());
    assertFalse(doc.isHtml());
    // The first h1 names the page before <title>, which often carries the site name too (TitleFinder).
    assertEquals(Map.of("title", "Heading"), doc.addedMeta());
    assertEquals(1, doc.counters().get("extract.path.full"));
  }

  @Test
  void textDocumentsThatAreHtmlAreConvertedAndCountedOthersPassUnchanged() {
    StepDocument html = new StepDocument("<html><p>Fish &amp; chips &mdash; 5 &euro;</p></html>");
    new ExtractStep(FULL).run(html);
    assertEquals("Fish & chips \u2014 5 \u20ac", html.text());
    assertEquals(1, html.counters().get("extract.html-in-text"));

    String text = "if a < b and c > d then <maybe>";
    StepDocument plain = new StepDocument(text);
    assertEquals(Optional.empty(), new ExtractStep(MAIN).run(plain));
    assertSame(text, plain.text());
    assertTrue(plain.counters().asMap().isEmpty());
  }

  @Test
  void aPageWithNoTextIsRejectedAtTheExtractStage() {
    StepDocument empty = new StepDocument("<html><head><script>x()</script></head><body></body></html>", null, true);
    Optional<Rejection> dropped = new ExtractStep(MAIN).run(empty);
    assertEquals(Optional.of(new Rejection(Rejection.EXTRACT, "no-text-extracted", null, null)), dropped);
  }

  @Test
  void mainModeKeepsTheArticleAndDropsTheNavigation() {
    String page = "<html><head><title>News</title></head><body><nav><a href=/>Home</a> <a href=/a>About us</a>"
        + " <a href=/c>Contact</a></nav><article><h1>News</h1><p>" + "A long paragraph of the article itself. ".repeat(8)
        + "</p></article><footer>Copyright 2026 Example. All rights reserved.</footer></body></html>";
    StepDocument doc = new StepDocument(page, null, true);
    new ExtractStep(MAIN).run(doc);
    assertTrue(doc.text().contains("A long paragraph of the article itself."), doc.text());
    assertFalse(doc.text().contains("About us"), doc.text());
    assertFalse(doc.text().contains("All rights reserved"), doc.text());
    assertEquals(1, doc.counters().get("extract.path.main"));
  }
}
