package dev.pretrain.dedup.extract;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reduces an HTML page to its main content as text. The passes, each its own class: parse within
 * the markup budget, cut to the element budget ({@link ElementBudget}), find the title
 * ({@link TitleFinder}), prune boilerplate by structure and names ({@link BoilerplatePruner}), pick
 * the content container by Readability-style scoring ({@link ContentScorer}), and render it without
 * its link-dense blocks ({@link BlockFilter}, {@link BlockText}). When that finds fewer than
 * {@code minMainChars} while the pruned page has more, a looser pass renders the whole pruned page
 * (trafilatura's fallback idea: Barbaresi 2021). One instance per thread.
 */
public final class MainContentExtractor {
  private final ExtractSettings settings;

  public MainContentExtractor(ExtractSettings settings) {
    this.settings = settings;
  }

  /** The page's text; never throws on bad markup (a page jsoup cannot handle yields empty text). */
  public Extraction extract(String html) {
    if (html == null || html.isBlank()) {
      return new Extraction("", null, path(), false);
    }
    boolean cut = html.length() > settings.maxMarkupChars();
    try {
      Document doc = Jsoup.parse(cut ? html.substring(0, settings.maxMarkupChars()) : html);
      cut |= ElementBudget.enforce(doc, settings.maxElements());
      return extract(doc, cut);
    } catch (RuntimeException | StackOverflowError e) {
      return new Extraction("", null, path(), cut);
    }
  }

  private Extraction.Path path() {
    return settings.mode() == ExtractSettings.Mode.MAIN ? Extraction.Path.MAIN : Extraction.Path.FULL;
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
    List<Element> blocks = Boolean.getBoolean("x.loose") ? List.of(body) : ContentScorer.mainBlocks(body, stats);
    if (!Boolean.getBoolean("x.notrim")) {
      EdgeTrimmer.trim(blocks, stats);
    }
    String main = render(blocks, filter);
    if (main.length() >= settings.minMainChars()) {
      return new Extraction(main, title, Extraction.Path.MAIN, cut);
    }
    String loose = BlockText.CELLS_BY_TAB.render(body, filter);
    if (loose.length() > main.length()) {
      return new Extraction(loose, title, Extraction.Path.FALLBACK, cut);
    }
    return new Extraction(main, title, Extraction.Path.MAIN, cut);
  }

  private static String render(List<Element> blocks, BlockFilter filter) {
    StringBuilder out = new StringBuilder();
    for (Element e : blocks) {
      BlockText.CELLS_BY_TAB.renderInto(out, e, filter);
    }
    return out.toString().strip();
  }
}
