package dev.pretrain.dedup.extract;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

/**
 * Where the article ends inside the chosen container. Pages mark the element that holds an
 * article's body: HTML5's {@code <article>} and {@code <main>} (or their ARIA roles), schema.org's
 * {@code articleBody} property, the hAtom and microformats2 classes ({@code hentry},
 * {@code entry-content}, {@code e-content}), and the names content systems give it
 * ({@code post-body}, {@code article__content}, {@code field--name-body}). When such an element
 * holds most of the container's good text it is the article's body, and what follows it inside the
 * container (author boxes, disclaimers, teasers for other articles, a widget's text) belongs to the
 * page, not to the article. What comes before it (the title, the standfirst, the byline) stays for
 * {@link EdgeTrimmer} to judge: sites often put the lead above the body element. Trafilatura looks
 * for the article by such names first (its body XPath expressions) and Readability weights its
 * candidates by them; here the names only say where the article ends, so a page without them
 * loses nothing.
 */
final class ArticleBody {
  /** Elements that can hold an article's body (a heading or paragraph named "entry-title" cannot). */
  private static final Set<String> CONTAINERS = Set.of("div", "section", "article", "main", "td");
  /** Class and id names of an article's body: an article word joined to a body word, or hAtom's. */
  private static final Pattern BODY_NAMES = Pattern.compile(
      "(?:article|post|entry|story|news|blog|node|field|single)[-_]*(?:name-?-?)?(?:body|content|text|inner|copy|entry)"
          + "|(?:^|[^a-z-])(?:entry|hentry|h-entry|e-content)(?:$|[^a-z-])|articlebody");
  /**
   * The body holds more than this share of the container's good text. Above one half the marked
   * elements that qualify are nested in one another (good text adds up), so the choice is one.
   */
  private static final double MOST = 0.5;

  private ArticleBody() {}

  /** Removes what follows the article's body inside {@code container}; whether anything was removed. */
  static boolean cutAfter(Element container, TextStats stats) {
    double least = MOST * stats.of(container).good;
    // Only the chain of elements holding most of the good text is walked: nothing else can hold it.
    Element[] body = {null};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node == container) {
          return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element e) || stats.of(e).good <= least) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (isMarkedBody(e)) {
          body[0] = e;
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    }, container);
    boolean cut = false;
    for (Element x = body[0]; x != null && x != container; x = x.parent()) {
      // A sibling of the same kind continues a series the body is part of: it and what follows stay.
      while (x.nextSibling() != null && !sameKind(x, x.nextSibling())) {
        x.nextSibling().remove();
        cut = true;
      }
    }
    return cut;
  }

  /** Marked as an article's body by its element, its schema.org property or its names. */
  static boolean isMarkedBody(Element e) {
    String tag = e.normalName();
    if (!CONTAINERS.contains(tag)) {
      return false;
    }
    String role = e.attr("role").toLowerCase(Locale.ROOT);
    if (tag.equals("article") || tag.equals("main") || role.equals("article") || role.equals("main")) {
      return true;
    }
    for (String prop : e.attr("itemprop").toLowerCase(Locale.ROOT).split("\\s+")) {
      if (prop.equals("articlebody")) {
        return true;
      }
    }
    // Matched on the raw class, BEM modifiers included: Drupal marks its body field "field--name-body".
    String raw = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
    return BODY_NAMES.matcher(raw).find() && !BoilerplateHints.isBoilerplate(BoilerplateHints.names(e));
  }

  /**
   * Whether {@code next} continues a series that {@code e} is part of: the same tag and class,
   * as the items of a multi-part body ({@code field__item}, one {@code <article>} per block).
   */
  private static boolean sameKind(Element e, Node next) {
    return next instanceof Element n && n.normalName().equals(e.normalName()) && !e.className().isEmpty()
        && n.className().equals(e.className());
  }
}
