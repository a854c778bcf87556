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
 * bad (as is a container {@link BlockFilter} leaves out), the rest are short; then by context:
 * short blocks between good ones stay (list items, table rows, short lines of the article), bad
 * ones go wherever they are, and short blocks before the first good block or after the last one
 * go (bylines, dates, share and tag rows, "read more"), except the article's opening lines (see
 * {@link #openingStart}), headings above the first good block (the article's title), list items,
 * table cells and preformatted blocks (an ingredient list, a data table, a command to type; the
 * link-dense lists of navigation are bad blocks or gone already). A heading with nothing kept under
 * it goes too ("Related articles").
 */
final class EdgeTrimmer {
  /** Own non-space chars of a good block: about a sentence (jusText's length_low is 70 chars with spaces). */
  static final int GOOD_CHARS = 50;
  /** Bad: more than half link text (boilerpipe's link density cut, Kohlschütter et al. 2010). */
  private static final double BAD_LINK_DENSITY = 0.5;
  /** Good: at most a third link text (jusText's max_link_density is 0.2 of chars with spaces). */
  private static final double GOOD_LINK_DENSITY = 0.33;
  /** A run of bad blocks with at least this many chars (about a line of links) separates segments. */
  private static final int MIN_LINK_RUN_CHARS = 30;
  /**
   * A segment after the article's body with less good text than this share of the body's is the
   * page's tail, not the article's (F1 on the dev set is flat from 0.1 to 0.2).
   */
  private static final double TAIL_SHARE = 0.1;
  private static final Set<String> DATA = Set.of("li", "td", "th", "dd", "dt", "pre");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private enum Kind { GOOD, SHORT, BAD }

  private EdgeTrimmer() {}

  /** Removes the own text of the dropped blocks under {@code root}. */
  static void trim(Element root, TextStats stats, BlockFilter filter) {
    List<Element> blocks = new ArrayList<>();
    List<Kind> kindList = new ArrayList<>();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element e) {
          if (node != root && filter.test(e)) {
            blocks.add(e);
            kindList.add(Kind.BAD);
            return FilterResult.SKIP_ENTIRELY;
          }
          TextStats.Counts c = stats.of(e);
          if (c.ownChars > 0) {
            blocks.add(e);
            kindList.add(classify(c));
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    }, root);
    int n = blocks.size();
    Kind[] kinds = kindList.toArray(new Kind[0]);
    boolean[] dropped = new boolean[n];
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (kinds[i] == Kind.GOOD && !dropped[i]) {
        last = i;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first < 0) {
      return;
    }
    int tail = tailStart(blocks, kinds, stats);
    for (int i = tail; i < n; i++) {
      dropped[i] = true;
    }
    last = -1;
    for (int i = 0; i < tail; i++) {
      if (kinds[i] == Kind.GOOD) {
        last = i;
      }
    }
    int opening = openingStart(blocks, kinds, stats, first);
    for (int i = 0; i < n; i++) {
      dropped[i] |= kinds[i] == Kind.BAD
          || kinds[i] == Kind.SHORT && !isData(blocks.get(i))
              && (i > last || i < opening && !HEADINGS.contains(blocks.get(i).normalName()));
    }
    // jusText's context rule: a short block between two bad ones (the nearest blocks on either
    // side that are not short) is part of what they are, say a tag row between link lists.
    for (int i = first; i <= last; i++) {
      if (kinds[i] != Kind.SHORT || HEADINGS.contains(blocks.get(i).normalName())) {
        continue;
      }
      int p = i - 1;
      while (p >= 0 && kinds[p] == Kind.SHORT) {
        p--;
      }
      int q = i + 1;
      while (q < n && kinds[q] == Kind.SHORT) {
        q++;
      }
      boolean prevBad = p >= 0 && kinds[p] == Kind.BAD;
      boolean nextBad = q < n && kinds[q] == Kind.BAD;
      if (prevBad && nextBad) {
        dropped[i] = true;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      if (!dropped[i] && HEADINGS.contains(blocks.get(i).normalName())) {
        int j = i + 1;
        while (j < n && dropped[j]) {
          j++;
        }
        // Nothing kept under it: the next kept block is a heading of its rank or above, or none.
        if (j == n || HEADINGS.contains(blocks.get(j).normalName())
            && blocks.get(j).normalName().compareTo(blocks.get(i).normalName()) <= 0) {
          dropped[i] = true;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      // (The containers BlockFilter leaves out are skipped when rendering; their text stays.)
      if (dropped[i] && !(kinds[i] == Kind.BAD && filter.test(blocks.get(i)))) {
        dropOwnText(blocks.get(i));
      }
    }
  }

  /**
   * Where the page's tail starts inside the content (blocks.size() when it has none). The article
   * ends where, after a run of link text (a link list, a tag row, a "more from" row), only a little
   * good text follows: author boxes, newsletter and donation pleas, teasers. The blocks are cut into
   * segments at such runs; the segment with the most good text is the article's body, and the
   * tail starts at the first later segment with under {@link #TAIL_SHARE} of its good text. The
   * segmentation is jusText's context idea (Pomikálek 2011) at the scale of the page.
   */
  private static int tailStart(List<Element> blocks, Kind[] kinds, TextStats stats) {
    int n = blocks.size();
    int[] seg = new int[n];
    int[] start = new int[n + 1];
    List<Integer> segGood = new ArrayList<>();
    segGood.add(0);
    for (int i = 0; i < n; i++) {
      if (kinds[i] == Kind.BAD && (i == 0 || kinds[i - 1] != Kind.BAD)) {
        int run = 0;
        for (int j = i; j < n && kinds[j] == Kind.BAD; j++) {
          run += stats.of(blocks.get(j)).chars;
        }
        if (run >= MIN_LINK_RUN_CHARS) {
          start[segGood.size()] = i;
          segGood.add(0);
        }
      }
      seg[i] = segGood.size() - 1;
      if (kinds[i] == Kind.GOOD) {
        segGood.set(seg[i], segGood.get(seg[i]) + stats.of(blocks.get(i)).ownChars);
      }
    }
    int main = 0;
    for (int k = 1; k < segGood.size(); k++) {
      if (segGood.get(k) > segGood.get(main)) {
        main = k;
      }
    }
    for (int k = main + 1; k < segGood.size(); k++) {
      if (segGood.get(k) < TAIL_SHARE * segGood.get(main)) {
        return start[k];
      }
    }
    return n;
  }

  /**
   * Where the article's opening lines start: the short paragraphs right before the first good block,
   * in the same parent and without link text. An article may open with a short line (a hook, a
   * salutation) in the same run of paragraphs as its body, while the byline, date and share row
   * come from the page's template around that run, or carry links.
   */
  private static int openingStart(List<Element> blocks, Kind[] kinds, TextStats stats, int first) {
    Element run = blocks.get(first).parent();
    int i = first;
    while (i > 0 && kinds[i - 1] == Kind.SHORT && blocks.get(i - 1).normalName().equals("p")
        && blocks.get(i - 1).parent() == run && stats.of(blocks.get(i - 1)).linkChars == 0) {
      i--;
    }
    return i;
  }

  /**
   * A list item, table cell or preformatted block: short by nature, and what a list or table holds
   * is data, what a {@code <pre>} holds code or a command, which no site's furniture is made of.
   */
  private static boolean isData(Element e) {
    return DATA.contains(e.normalName());
  }

  private static Kind classify(TextStats.Counts c) {
    double ld = (double) c.ownLinkChars / c.ownChars;
    if (ld > BAD_LINK_DENSITY) {
      return Kind.BAD;
    }
    return c.ownChars >= GOOD_CHARS && ld <= GOOD_LINK_DENSITY ? Kind.GOOD : Kind.SHORT;
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
    for (Element d : e.getAllElements()) {
      if (TextStats.isBlock(d.normalName())) {
        return true;
      }
    }
    return false;
  }
}
