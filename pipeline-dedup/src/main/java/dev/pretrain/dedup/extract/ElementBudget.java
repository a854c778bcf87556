package dev.pretrain.dedup.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Cuts a parsed page to its first {@code max} elements in document order, so that every later pass
 * (several walks over the tree) costs at most a bounded amount per page however large or deeply
 * nested the markup. The walk itself is iterative.
 */
final class ElementBudget {
  private ElementBudget() {}

  /** Removes every element after the first {@code max}; whether any was removed. */
  static boolean enforce(Element root, int max) {
    int[] seen = {0};
    boolean[] cut = {false};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element) {
          if (++seen[0] > max) {
            cut[0] = true;
            return FilterResult.REMOVE;
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    }, root);
    return cut[0];
  }
}
