package dev.pretrain.dedup.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ArticleBodyTest {
  private static final String PROSE_1 = "The river rose four metres overnight, and by morning the old bridge was closed "
      + "to traffic, which left the eastern villages cut off from the market town.";
  private static final String PROSE_2 = "Engineers said the supports had held, but that divers would inspect them "
      + "once the current slowed, and that the bridge could reopen by the weekend.";
  private static final String LEAD =
      "A night of rain cut the valley in two, and the bridge stays shut until divers have looked at it.";
  private static final String BIO = "Anna Writer has covered the valley for the paper since 2009, and before that she "
      + "reported on farming and the weather for the regional radio station.";

  private static String text(String html) {
    return new MainContentExtractor(ExtractSettings.DEFAULTS).extract(html).text();
  }

  /** A title and lead above the article's body, an author box after it, all in one wrapper. */
  private static String page(String bodyClass) {
    return "<html><body><div class=\"wrap\"><h1>Flood closes bridge</h1><p>" + LEAD + "</p>"
        + "<div class=\"" + bodyClass + "\"><p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p><p>" + PROSE_1 + "</p></div>"
        + "<div class=\"about\"><p>" + BIO + "</p></div></div></body></html>";
  }

  @Test
  void whatFollowsTheMarkedBodyGoesAndWhatPrecedesItStays() {
    String expected = "Flood closes bridge\n\n" + LEAD + "\n\n" + PROSE_1 + "\n\n" + PROSE_2 + "\n\n" + PROSE_1;
    assertEquals(expected, text(page("entry-content")));
    assertEquals(expected, text(page("article__body")));
    // Unmarked, the author box is sentence-length text like the article's, and stays.
    assertTrue(text(page("box")).endsWith(BIO), text(page("box")));
  }

  @Test
  void theBodyMustHoldMostOfTheGoodText() {
    // The marked element holds one paragraph of four: it is not the article's body.
    String html = "<html><body><div><p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p>"
        + "<div class=\"entry-content\"><p>" + LEAD + "</p></div><p>" + BIO + "</p></div></body></html>";
    assertTrue(text(html).endsWith(BIO), text(html));
  }

  @Test
  void theNextPartOfASeriesStaysWithTheBody() {
    // A body in parts (one element per block, as field items are): the parts after the one
    // holding most of the text are the article's too; the share row after the series goes.
    String html = "<html><body><div class=\"field--name-body\">"
        + "<div class=\"field__item\"><div class=\"article-text\"><p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p>"
        + "<p>" + PROSE_1 + "</p></div></div>"
        + "<div class=\"field__item\"><div class=\"article-text\"><p>" + LEAD + "</p></div></div>"
        + "</div><p>" + BIO + "</p></body></html>";
    String text = text(html);
    assertTrue(text.endsWith(LEAD), text);
    assertFalse(text.contains(BIO), text);
  }

  @Test
  void bodiesAreMarkedByElementPropertyOrNames() {
    for (String marked : new String[] {"<article>", "<main>", "<div role=\"main\">", "<div itemprop=\"articleBody\">",
        "<div itemprop=\"description articleBody\">", "<div class=\"entry-content clearfix\">",
        "<div class=\"post type-post hentry\">", "<div class=\"c-article__content\">", "<section class=\"story-body\">",
        "<div class=\"field field--name-body\">", "<div id=\"postcontent\">", "<table><tr><td class=\"news-text\">"}) {
      assertTrue(ArticleBody.isMarkedBody(first(marked)), marked);
    }
    for (String unmarked : new String[] {"<div>", "<div class=\"content\">", "<div class=\"site-content\">",
        "<h1 class=\"entry-title\">", "<p class=\"entry-content\">", "<div class=\"entry-meta\">",
        "<div class=\"entry-title\">", "<div class=\"post-content-sidebar\">"}) {
      assertFalse(ArticleBody.isMarkedBody(first(unmarked)), unmarked);
    }
  }

  /** The innermost element the markup opens (a cell needs its table around it). */
  private static Element first(String openTags) {
    return Jsoup.parse("<html><body>" + openTags + "x</body></html>").body().select("*").last();
  }
}
