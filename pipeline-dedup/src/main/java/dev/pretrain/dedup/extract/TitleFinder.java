package dev.pretrain.dedup.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The page's title: the Open Graph title the site gives for sharing (no site name attached, as a
 * rule), else the first {@code <h1>}, else {@code <title>}. Read before pruning, since the h1 may sit
 * in a header that pruning removes.
 */
final class TitleFinder {
  private TitleFinder() {}

  static String find(Document doc) {
    Element og = doc.selectFirst("meta[property=og:title], meta[name=og:title]");
    if (og != null && !og.attr("content").isBlank()) {
      return og.attr("content").strip();
    }
    Element h1 = doc.selectFirst("h1");
    if (h1 != null && !h1.text().isBlank()) {
      return h1.text().strip();
    }
    String title = doc.title();
    return title.isBlank() ? null : title.strip();
  }
}
