package dev.pretrain.dedup.extract;

import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;

/**
 * Inside the chosen content, leaves out the blocks that are mostly links: lists of related
 * articles, tag lists, "read more" rows. Link density above one half marks a block as navigation
 * in boilerpipe's shallow text features (Kohlschütter et al. 2010); Readability cleans lists and
 * tables the same way.
 */
final class BlockFilter implements Predicate<Element> {
  /** Containers judged as a whole; paragraphs and headings are kept even when they are one link. */
  private static final Set<String> CONTAINERS = Set.of(
      "ul", "ol", "dl", "div", "section", "table", "tbody", "tr", "li", "span");
  private static final double MAX_LINK_DENSITY = 0.5;

  private final TextStats stats;

  BlockFilter(TextStats stats) {
    this.stats = stats;
  }

  @Override
  public boolean test(Element e) {
    if (!CONTAINERS.contains(e.normalName())) {
      return false;
    }
    TextStats.Counts c = stats.of(e);
    return c.chars > 0 && (double) c.linkChars / c.chars > MAX_LINK_DENSITY;
  }
}
