package dev.pretrain.dedup.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Classifies the text blocks inside the chosen content as jusText does (Pomikálek 2011): a block
 * with a sentence's worth of text and little link text is good, one that is mostly link text is
 * bad, the rest are short; then by context: short blocks between good ones stay (list items, table
 * rows, short lines of the article), bad ones go wherever they are, and short blocks before the
 * first good block or after the last one go (bylines, dates, share and tag rows, "read more"),
 * except a heading just above the first good block (the article's title).
 */
final class EdgeTrimmer {
  static final int GOOD_CHARS = Integer.getInteger("x.trimgood", 50);
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private enum Kind { GOOD, SHORT, BAD }

  private EdgeTrimmer() {}

  /** Removes the own text of the dropped blocks under {@code roots}. */
  static void trim(List<Element> roots, TextStats stats) {
    List<Element> blocks = new ArrayList<>();
    for (Element root : roots) {
      NodeTraversor.filter(new NodeFilter() {
        @Override
        public FilterResult head(Node node, int depth) {
          if (node instanceof Element e && stats.of(e).ownChars > 0) {
            blocks.add(e);
          }
          return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
          return FilterResult.CONTINUE;
        }
      }, root);
    }
    int n = blocks.size();
    Kind[] kinds = new Kind[n];
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      TextStats.Counts c = stats.of(blocks.get(i));
      double ld = (double) c.ownLinkChars / c.ownChars;
      kinds[i] = ld > 0.5 && !Boolean.getBoolean("x.keepbad") ? Kind.BAD : c.ownChars >= GOOD_CHARS && ld <= 0.33 ? Kind.GOOD : Kind.SHORT;
      if (kinds[i] == Kind.GOOD) {
        last = i;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first < 0) {
      return;
    }
    boolean[] dropped = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean drop = kinds[i] == Kind.BAD
          || (kinds[i] == Kind.SHORT && (i < first || i > last) && !(i < first && isTitleAbove(blocks, i, first, kinds)));
      dropped[i] = drop;
    }
    // A heading with nothing kept under it (the next kept block is a heading of its rank or above)
    // titled what was dropped ("Related articles", "Share").
    for (int i = n - 1; i >= 0; i--) {
      if (!dropped[i] && HEADINGS.contains(blocks.get(i).normalName()) && !Boolean.getBoolean("x.keepheads")) {
        int j = i + 1;
        while (j < n && dropped[j]) {
          j++;
        }
        if (j == n || HEADINGS.contains(blocks.get(j).normalName())
            && blocks.get(j).normalName().compareTo(blocks.get(i).normalName()) <= 0) {
          dropped[i] = true;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (dropped[i]) {
        dropOwnText(blocks.get(i));
      }
    }
  }

  /** A heading with nothing but short blocks between it and the first good block. */
  private static boolean isTitleAbove(List<Element> blocks, int i, int first, Kind[] kinds) {
    return HEADINGS.contains(blocks.get(i).normalName()) && !Boolean.getBoolean("x.noheads");
  }

  /** Removes the text and inline elements of {@code block}, keeping nested blocks. */
  private static void dropOwnText(Element block) {
    List<Node> own = new ArrayList<>();
    for (Node child : block.childNodes()) {
      if (!(child instanceof Element e) || !holdsBlock(e)) {
        own.add(child);
      }
    }
    own.forEach(Node::remove);
  }

  private static boolean holdsBlock(Element e) {
    if (TextStats.isBlock(e.normalName())) {
      return true;
    }
    for (Element d : e.getAllElements()) {
      if (TextStats.isBlock(d.normalName())) {
        return true;
      }
    }
    return false;
  }
}
