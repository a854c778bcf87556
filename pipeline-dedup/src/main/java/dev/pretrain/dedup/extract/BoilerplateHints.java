package dev.pretrain.dedup.extract;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What an element's {@code class} and {@code id} say about it. Web authors name their blocks, and
 * the names of navigation, comment, sharing, cookie and newsletter blocks repeat across sites: the
 * "unlikely candidates" and class weights of Readability (Arc90, 2009) and the discard lists of
 * trafilatura (Barbaresi 2021) rest on this. The lists here are our own, written from those ideas.
 */
final class BoilerplateHints {
  /**
   * Names so specific to boilerplate that a positive name beside them does not save the block
   * ({@code post-meta}, {@code comment-content}, {@code entry-footer} are still boilerplate).
   */
  private static final Pattern STRONG = Pattern.compile(
      "comment(?!ary)|disqus|caption|credit|copyright|cookie|consent|gdpr|newsletter|subscri|share|sharing|social|sociable|"
          + "breadcrumb|related|recommend|sidebar|footer|byline|(?:^|[^a-z])meta(?:$|[^a-z])|"
          + "skip-?link|screen-?reader|sr-only|visually-?hidden|"
          + "print-?only|signup|sign-up|login|advert|sponsor|outbrain|taboola|metadata|"
          + "(?:^|[^a-z])author|utility|rating|disclosure|disclaimer");
  /** Names that usually mean boilerplate unless a content name sits beside them. */
  private static final Pattern WEAK = Pattern.compile(
      "(?:^|[^a-z])(?:nav|navi|ad|ads|adv|tags?|date|time|header|search|menu)(?:$|[^a-z])|"
          + "navigation|navbar|menu|promo|banner|pagination|pager|popup|modal|overlay|"
          + "masthead|toolbar|tagcloud|teaser|rating|dateline|timestamp|posted-on|published|"
          + "crumbs|jump|backtotop|back-to-top|dropdown|carousel|slider|lightbox");
  /** The weak names that say what a block holds (page metadata) rather than how it looks or where it sits. */
  private static final Pattern METADATA = Pattern.compile(
      "(?:^|[^a-z])(?:tags?|date|time)(?:$|[^a-z])|rating|dateline|timestamp|posted-on|published|pagination|pager");
  /** Names of content containers (Readability's positive class names, and their kin in other languages). */
  private static final Pattern POSITIVE = Pattern.compile(
      "article|artikel|articulo|content|contenido|contenu|contenuto|inhalt|testo|texto|entry|(?:^|[^a-z])(?:post|main|text|body|story|blog|prose)(?:$|[^a-z])|hentry|"
          + "post-?body|story-?body|article-?body|entry-?content|body-?text|rich-?text");

  private BoilerplateHints() {}

  /**
   * The lower-cased class and id of {@code e} as space-separated names, or "" when it has neither.
   * Class names that describe a state or a layout rather than what the block is are left out: BEM
   * modifiers ({@code section--has-ads}, {@code l-outer--nav}) and {@code has-}/{@code with-}/
   * {@code no-}/{@code is-} flags ({@code has-sidebar} is a page with a sidebar, not the sidebar).
   */
  static String names(Element e) {
    String cls = e.attr("class");
    String id = e.id();
    if (cls.isEmpty() && id.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(cls.length() + id.length() + 1);
    for (String token : cls.toLowerCase(Locale.ROOT).split("\\s+")) {
      int modifier = token.indexOf("--");
      String block = modifier >= 0 ? token.substring(0, modifier) : token;
      if (block.isEmpty() || block.startsWith("has-") || block.startsWith("with-") || block.startsWith("no-")
          || block.startsWith("is-")) {
        continue;
      }
      out.append(block).append(' ');
    }
    out.append(id.toLowerCase(Locale.ROOT));
    return out.toString().strip();
  }

  /**
   * Whether the names of a paragraph or heading mark it as boilerplate. A paragraph or heading is
   * text by its tag, and page furniture is built of containers: a weak name on one mostly says how
   * it looks ({@code teaser}, {@code header}) or is an anchor ({@code nav_chapter_2}). It counts
   * when strong (a caption, a byline, a share row) or when it names page metadata (a date, tags).
   */
  static boolean isBoilerplateText(String names) {
    return !names.isEmpty() && (STRONG.matcher(names).find() || METADATA.matcher(names).find());
  }

  /** Whether the names mark boilerplate: a strong name, or a weak one without a content name. */
  static boolean isBoilerplate(String names) {
    if (names.isEmpty()) {
      return false;
    }
    if (STRONG.matcher(names).find()) {
      return true;
    }
    return WEAK.matcher(names).find() && !POSITIVE.matcher(names).find();
  }
}
