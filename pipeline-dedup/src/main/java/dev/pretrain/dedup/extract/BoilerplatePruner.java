package dev.pretrain.dedup.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Removes, before any scoring, the blocks that are boilerplate by their structure or their names:
 * elements that never hold text, what the browser hides, HTML5 and ARIA landmarks for navigation,
 * banners, footers and side content, forms and controls, and blocks whose class or id names mark
 * them ({@link BoilerplateHints}). Readability and trafilatura both start this way; pruning first
 * keeps the link and text densities of the content blocks from being diluted by what is removed.
 */
final class BoilerplatePruner {
  /** Never text (or text no reader sees as part of the page). */
  private static final Set<String> NON_TEXT = Set.of(
      "script", "style", "template", "svg", "iframe", "object", "embed", "canvas", "head",
      "button", "input", "select", "option", "textarea", "dialog", "map", "audio", "video", "link", "meta");
  /** HTML5 sectioning elements that hold page furniture, not the article. */
  private static final Set<String> FURNITURE = Set.of("nav", "aside", "footer", "menu");
  /** Paragraphs and headings: text by their tag, so their names count less ({@link BoilerplateHints#isBoilerplateText}). */
  private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6");
  /** ARIA roles of the same furniture. */
  private static final Set<String> FURNITURE_ROLES = Set.of(
      "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog",
      "alertdialog", "toolbar", "tablist");
  /**
   * A block holding more than this share of the page's text, or of its prose, is kept whatever its
   * name: it is a page wrapper ({@code <div id="content-sidebar-wrap">}) or the article itself
   * ({@code <div class="article-content sticky-sidebar-relative">}), not a side block.
   */
  private static final double WRAPPER_SHARE = 0.5;

  private BoilerplatePruner() {}

  static void prune(Element body) {
    TextStats stats = TextStats.compute(body);
    int pageChars = Math.max(1, stats.chars(body));
    int pageProse = Math.max(1, stats.of(body).prose);
    List<Element> doomed = new ArrayList<>();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e) || node == body) {
          return FilterResult.CONTINUE;
        }
        if (isBoilerplate(e, stats, pageChars, pageProse)) {
          doomed.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    }, body);
    for (Element e : doomed) {
      e.remove();
    }
  }

  private static boolean isBoilerplate(Element e, TextStats stats, int pageChars, int pageProse) {
    String name = e.normalName();
    if (NON_TEXT.contains(name) || isHidden(e)) {
      return true;
    }
    boolean wrapper = stats.chars(e) > WRAPPER_SHARE * pageChars || stats.of(e).prose > WRAPPER_SHARE * pageProse;
    // Usually "enable JavaScript" or a tracking pixel; but some pages put the whole article there
    // for readers without scripts, and jsoup parses it as markup.
    if (name.equals("noscript")) {
      return stats.of(e).prose == 0;
    }
    // Image captions and credits ("Photo: AP", "Getty Images") are not the article's prose;
    // trafilatura leaves them out by default as well.
    if (name.equals("figcaption")) {
      return true;
    }
    // Navigation goes whatever its size; an aside or footer holding most of the page is a misused
    // tag around the content.
    if (name.equals("nav") || name.equals("menu")) {
      return true;
    }
    if (FURNITURE.contains(name) || FURNITURE_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT))) {
      return !wrapper;
    }
    // A page's own header (logo, menu) goes; the header of an article, or one holding the page's
    // h1 (the article's title, on sites that put it above the article), stays without its nav.
    if (name.equals("header")) {
      return !wrapper && !insideArticle(e) && e.selectFirst("h1") == null;
    }
    // Search boxes and logins; some sites (ASP.NET) wrap the whole page in one form, which stays.
    if (name.equals("form")) {
      return !wrapper;
    }
    if (name.equals("html") || name.equals("body") || name.equals("article") || name.equals("main")
        || name.equals("a")) {
      return false;
    }
    String names = BoilerplateHints.names(e);
    boolean named = PARAGRAPHS.contains(name)
        ? BoilerplateHints.isBoilerplateText(names) : BoilerplateHints.isBoilerplate(names);
    if (named) {
      return !wrapper || names.contains("comment");
    }
    return false;
  }

  private static boolean insideArticle(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      String n = p.normalName();
      if (n.equals("article") || n.equals("main")) {
        return true;
      }
    }
    return false;
  }

  /** Hidden by the {@code hidden} attribute, {@code aria-hidden} or an inline style. */
  private static boolean isHidden(Element e) {
    if (e.hasAttr("hidden") || e.attr("aria-hidden").equals("true")) {
      return true;
    }
    String style = e.attr("style");
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }
}
