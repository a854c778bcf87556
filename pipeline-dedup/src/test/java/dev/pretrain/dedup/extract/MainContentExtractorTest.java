package dev.pretrain.dedup.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MainContentExtractorTest {
  private static final String PROSE_1 = "The river rose four metres overnight, and by morning the old bridge was closed "
      + "to traffic, which left the eastern villages cut off from the market town.";
  private static final String PROSE_2 = "Engineers said the supports had held, but that divers would inspect them "
      + "once the current slowed, and that the bridge could reopen by the weekend.";

  private static Extraction main(String html) {
    return new MainContentExtractor(ExtractSettings.DEFAULTS).extract(html);
  }

  /** A news page: site header with menu, the article, a sidebar, comments, a cookie banner, a footer. */
  private static String newsPage() {
    return "<!doctype html><html><head><title>Flood closes bridge | Daily Example</title>"
        + "<script>var tracking = 1;</script><style>.x{}</style></head><body>"
        + "<header class=\"site-header\"><a href=\"/\">Daily Example</a><nav><ul><li><a href=\"/news\">News</a></li>"
        + "<li><a href=\"/sport\">Sport</a></li></ul></nav></header>"
        + "<div id=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies?</div>"
        + "<main><article><h1>Flood closes bridge</h1><p class=\"byline\">By A. Writer, 3 May</p>"
        + "<p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p>"
        + "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
        + "</article>"
        + "<section class=\"comments\"><p>Great article, thanks for writing about our village and its bridge!</p></section>"
        + "</main>"
        + "<aside class=\"sidebar\"><h2>Most read</h2><ul><li><a href=\"/a\">Another story about something</a></li>"
        + "<li><a href=\"/b\">Yet another story</a></li></ul></aside>"
        + "<div class=\"newsletter-signup\">Sign up for our newsletter and never miss a story from us again.</div>"
        + "<footer><p>Copyright Daily Example. Impressum. Privacy policy.</p></footer></body></html>";
  }

  @Test
  void keepsTheArticleAndRemovesNavigationFooterCookieBannerSidebarAndComments() {
    Extraction x = main(newsPage());
    assertEquals("Flood closes bridge\n\n" + PROSE_1 + "\n\n" + PROSE_2, x.text());
    assertEquals(Extraction.Path.MAIN, x.path());
    assertFalse(x.budgetExceeded());
  }

  @Test
  void theTailAfterALinkRowGoesWhenItHoldsLittleGoodTextBesideTheArticle() {
    String article = "<p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p><p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p>";
    String links = "<p><a href=\"/a\">More stories about rivers</a> <a href=\"/b\">More about bridges</a></p>";
    String tail = "<p>Our newsletter brings the week's stories to you every Friday morning, free.</p>";
    article = article + article;
    String page = "<html><body><div>" + article + links + tail + "</div></body></html>";
    String text = main(page).text();
    assertTrue(text.contains(PROSE_2), text);
    assertFalse(text.contains("newsletter"), text);
    // Without the link row there is no boundary: the closing paragraph stays with the article.
    assertTrue(main("<html><body><div>" + article + tail + "</div></body></html>").text().contains("newsletter"));
  }

  @Test
  void titleIsTheOpenGraphTitleElseTheFirstHeadingElseTitle() {
    assertEquals("Flood closes bridge", main(newsPage()).title());
    assertEquals("Shared title", main("<html><head><meta property=\"og:title\" content=\"Shared title\">"
        + "<title>T | Site</title></head><body><h1>Heading</h1><p>" + PROSE_1 + "</p></body></html>").title());
    assertEquals("T | Site", main("<html><head><title>T | Site</title></head><body><p>" + PROSE_1 + "</p></body></html>").title());
    assertNull(main("<html><body><p>" + PROSE_1 + "</p></body></html>").title());
  }

  @Test
  void listItemsAndHeadingsAreOneLineEachAndParagraphsAreSeparatedByABlankLine() {
    String html = "<html><body><article><p>" + PROSE_1 + "</p><h2>What to take</h2><ul><li>Boots</li><li>A map</li>"
        + "<li>Water</li></ul><p>" + PROSE_2 + "</p></article></body></html>";
    assertEquals(PROSE_1 + "\n\nWhat to take\n\nBoots\nA map\nWater\n\n" + PROSE_2, main(html).text());
  }

  @Test
  void tableRowsAreLinesWithCellsJoinedByATab() {
    String html = "<html><body><article><p>" + PROSE_1 + "</p><table><tr><th>Town</th><th>Level</th></tr>"
        + "<tr><td>Upton</td><td>4.1 m</td></tr><tr><td>Downs</td><td> 3.7 m </td></tr></table><p>" + PROSE_2
        + "</p></article></body></html>";
    assertEquals(PROSE_1 + "\n\nTown\tLevel\nUpton\t4.1 m\nDowns\t3.7 m\n\n" + PROSE_2, main(html).text());
  }

  @Test
  void preformattedCodeKeepsItsNewlinesAndIndentation() {
    String html = "<html><body><article><p>" + PROSE_1 + "</p><pre><code>for (int i = 0; i &lt; n; i++) {\n"
        + "    sum += i;\n}</code></pre><p>" + PROSE_2 + "</p></article></body></html>";
    assertEquals(PROSE_1 + "\n\nfor (int i = 0; i < n; i++) {\n    sum += i;\n}\n\n" + PROSE_2, main(html).text());
  }

  @Test
  void aShortCommandAfterTheLastParagraphStaysAndAShortLineThereGoes() {
    String html = "<html><body><article><p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p><p>To turn it back on:</p>"
        + "<pre>netsh set autotuning=normal</pre><p>Posted in Rivers</p></article></body></html>";
    assertEquals(PROSE_1 + "\n\n" + PROSE_2 + "\n\nnetsh set autotuning=normal", main(html).text());
  }

  @Test
  void shortOpeningLinesInTheArticlesRunOfParagraphsStayAndTheBylineAboveGoes() {
    String html = "<html><body><div class=\"meta\"><p>By <a href=\"/a\">A. Writer</a></p></div>"
        + "<div><p>March 3, 2019</p><div><p>When I woke up, there was nothing.</p><p>Not even the bridge.</p>"
        + "<p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p></div></div></body></html>";
    assertEquals("When I woke up, there was nothing.\n\nNot even the bridge.\n\n" + PROSE_1 + "\n\n" + PROSE_2,
        main(html).text());
  }

  @Test
  void fallbackPassRunsWhenTheMainPassFindsTooLittle() {
    // No block is sentence-length, so the main pass finds no container: the looser pass keeps
    // what pruning leaves (the footer still goes).
    StringBuilder html = new StringBuilder("<html><body><div>");
    for (int i = 0; i < 12; i++) {
      html.append("<div>Item number ").append(i).append("</div>");
    }
    html.append("</div><footer>Imprint</footer></body></html>");
    Extraction x = main(html.toString());
    assertEquals(Extraction.Path.FALLBACK, x.path());
    assertTrue(x.text().startsWith("Item number 0\nItem number 1\n"), x.text());
    assertFalse(x.text().contains("Imprint"));
  }

  @Test
  void fullModeIsTheWholePagesText() {
    Extraction x = new MainContentExtractor(new ExtractSettings(ExtractSettings.Mode.FULL, 100, 1_000_000, 10_000))
        .extract(newsPage());
    assertEquals(Extraction.Path.FULL, x.path());
    assertTrue(x.text().startsWith("Flood closes bridge | Daily Example\nDaily Example\n\nNews\nSport"), x.text());
    assertTrue(x.text().endsWith("Copyright Daily Example. Impressum. Privacy policy."), x.text());
  }

  @Test
  void deeplyNestedMarkupIsCutToTheElementBudgetAndSaysSo() {
    int depth = 200_000;
    String html = "<html><body><p>" + PROSE_1 + "</p>" + "<div>".repeat(depth) + "deep" + "</div>".repeat(depth)
        + "</body></html>";
    ExtractSettings budget = new ExtractSettings(ExtractSettings.Mode.MAIN, 100, 10_000_000, 5_000);
    Extraction x = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new MainContentExtractor(budget).extract(html));
    assertTrue(x.budgetExceeded());
    assertEquals(PROSE_1, x.text());
  }

  @Test
  void markupBeyondTheCharBudgetIsNotParsedAndThatIsRecorded() {
    String html = "<html><body><p>" + PROSE_1 + "</p><p>" + PROSE_2 + "</p>" + "<span>filler</span>".repeat(200_000)
        + "<p>Beyond the budget.</p></body></html>";
    ExtractSettings budget = new ExtractSettings(ExtractSettings.Mode.MAIN, 100, 100_000, 1_000_000);
    Extraction x = new MainContentExtractor(budget).extract(html);
    assertTrue(x.budgetExceeded());
    assertTrue(x.text().startsWith(PROSE_1 + "\n\n" + PROSE_2), x.text());
    assertFalse(x.text().contains("Beyond the budget"));
    assertFalse(main(newsPage()).budgetExceeded());
  }

  @Test
  void emptyOrTextlessInputGivesEmptyTextAndGarbageNeverThrows() {
    for (String html : new String[] {null, "", "   \n", "<html></html>", "<div><span></span></div>",
        "<html><head><script>alert(1)</script></head><body><nav><a href=/>Home</a></nav></body></html>"}) {
      Extraction x = main(html);
      assertEquals("", x.text(), String.valueOf(html));
      assertFalse(x.budgetExceeded());
    }
    Random random = new Random(42);
    String alphabet = "<>/=\"' &;!-abcdiv\u0000\ufffd\n";
    for (int i = 0; i < 50; i++) {
      char[] chars = new char[random.nextInt(5000)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      Extraction x = main(new String(chars));
      assertTrue(x.text() != null && x.path() != null);
    }
  }
}
