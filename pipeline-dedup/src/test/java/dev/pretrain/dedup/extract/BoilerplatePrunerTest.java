package dev.pretrain.dedup.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class BoilerplatePrunerTest {
  private static String pruned(String bodyHtml) {
    Element body = Jsoup.parse("<html><body>" + bodyHtml + "</body></html>").body();
    BoilerplatePruner.prune(body);
    return BlockText.CELLS_BY_TAB.render(body);
  }

  @Test
  void aWeakNameOnAParagraphOrHeadingDoesNotPruneIt() {
    // "teaser" is the lead's style here, the heading's id an anchor; the same names on containers go.
    assertEquals("The lead of the story.\n\nChapter two", pruned("<p class=\"lead teasertext\">The lead of the story.</p>"
        + "<h3 id=\"nav_chapter_two\">Chapter two</h3><div class=\"teaser\">Another story</div>"
        + "<div id=\"nav\">Home</div>"));
  }

  @Test
  void aStrongOrAMetadataNameStillPrunesAParagraph() {
    assertEquals("Text.", pruned("<p class=\"byline\">By A. Writer</p><p class=\"post-date\">3 May 2019</p><p>Text.</p>"
        + "<h2 class=\"related-title\">Related</h2><p class=\"tags\">rivers, bridges</p>"));
  }
}
