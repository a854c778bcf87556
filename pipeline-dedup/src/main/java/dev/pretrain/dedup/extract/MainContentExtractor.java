package dev.pretrain.dedup.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reduces an HTML page to its main content as text. The passes, each its own class: parse within
 * the markup budget, cut to the element budget ({@link ElementBudget}), find the title
 * ({@link TitleFinder}), prune boilerplate by structure and names ({@link BoilerplatePruner}), pick
 * the content's container by text density ({@link MainContainer}), cut it where the article's marked
 * body ends ({@link ArticleBody}), drop the boilerplate blocks left
 * inside it by their length, link density and context ({@link EdgeTrimmer}), and render it without
 * its link-dense blocks ({@link BlockFilter}, {@link BlockText}). When that finds fewer than
 * {@code minMainChars} while the pruned page has more, a looser pass renders the whole pruned page
 * (trafilatura's fallback idea, Barbaresi 2021). Deterministic, no network.
 *
 * <p>One instance per thread. Tables come out one row per line with cells joined by a tab.
 */
public final class MainContentExtractor {
  private final ExtractSettings settings;

  public MainContentExtractor(ExtractSettings settings) {
    this.settings = settings;
  }

  /** The page's text; never throws on bad markup (a page jsoup cannot handle yields empty text). */
  public Extraction extract(String html) {
    Extraction.Path path = settings.mode() == ExtractSettings.Mode.MAIN ? Extraction.Path.MAIN : Extraction.Path.FULL;
    if (html == null || html.isBlank()) {
      return new Extraction("", null, path, false);
    }
    boolean cut = html.length() > settings.maxMarkupChars();
    try {
      Document doc = Jsoup.parse(cut ? html.substring(0, settings.maxMarkupChars()) : html);
      cut |= ElementBudget.enforce(doc, settings.maxElements());
      return extract(doc, cut);
    } catch (RuntimeException | StackOverflowError e) {
      // jsoup is lenient and every walk here is iterative; this is a last guard, not a path.
      return new Extraction("", null, path, cut);
    }
  }

  private Extraction extract(Document doc, boolean cut) {
    String title = TitleFinder.find(doc);
    if (settings.mode() != ExtractSettings.Mode.MAIN) {
      doc.select(BlockText.NON_TEXT).remove();
      return new Extraction(BlockText.WHOLE_PAGE.render(doc), title, Extraction.Path.FULL, cut);
    }
    Element body = doc.body();
    BoilerplatePruner.prune(body);
    TextStats stats = TextStats.compute(body);
    BlockFilter filter = new BlockFilter(stats);
    Element container = MainContainer.find(body, stats);
    String main = "";
    if (container != null) {
      TextStats inner = stats;
      BlockFilter innerFilter = filter;
      if (ArticleBody.cutAfter(container, stats)) {
        // The counts of the container and its wrappers still include what was cut.
        inner = TextStats.compute(container);
        innerFilter = new BlockFilter(inner);
      }
      EdgeTrimmer.trim(container, inner, innerFilter);
      main = BlockText.CELLS_BY_TAB.render(container, innerFilter);
    }
    if (main.length() >= settings.minMainChars()) {
      return new Extraction(main, title, Extraction.Path.MAIN, cut);
    }
    // The looser pass: everything pruning and the link filter leave, untrimmed.
    String loose = BlockText.CELLS_BY_TAB.render(body, filter);
    if (loose.length() > main.length()) {
      return new Extraction(loose, title, Extraction.Path.FALLBACK, cut);
    }
    return new Extraction(main, title, Extraction.Path.MAIN, cut);
  }
}
