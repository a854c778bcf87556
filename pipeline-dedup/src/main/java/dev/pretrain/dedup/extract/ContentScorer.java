package dev.pretrain.dedup.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the element that holds the main content, in the manner of Readability (Arc90, 2009): every
 * paragraph of prose gives points to the containers above it (more to the nearest), a container's
 * points shrink with its link density, the best container wins, and its siblings that score nearly
 * as well or read as prose join it (content split across sibling blocks).
 */
final class ContentScorer {
  /** A paragraph shorter than this (non-space chars) gives no points: captions, buttons, bylines. */
  private static final int MIN_PARAGRAPH_CHARS = 20;
  /** How many containers above a paragraph share its points. */
  private static final int LEVELS = 5;
  /** Blocks whose own text is a paragraph inside their parent rather than in themselves. */
  private static final Set<String> LEAF_BLOCKS = Set.of(
      "p", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "caption", "address",
      "summary", "blockquote");

  private ContentScorer() {}

  /** The blocks of the main content in document order; empty when the page has no prose. */
  static List<Element> mainBlocks(Element body, TextStats stats) {
    if (Boolean.getBoolean("x.density")) {
      double lambda = Double.parseDouble(System.getProperty("x.lambda", "1"));
      Element[] bestE = {null};
      double[] bestS = {0};
      NodeTraversor.traverse(new NodeVisitor() {
        @Override
        public void head(Node node, int depth) {
          if (node instanceof Element e) {
            TextStats.Counts c = stats.of(e);
            double s = c.good - lambda * (c.chars - c.good);
            if (s > bestS[0]) {
              bestS[0] = s;
              bestE[0] = e;
            }
          }
        }
      }, body);
      return bestE[0] == null ? List.of() : List.of(bestE[0]);
    }
    Map<Element, double[]> scores = new IdentityHashMap<>();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof Element e) {
          TextStats.Counts c = stats.of(e);
          if (c.ownChars >= MIN_PARAGRAPH_CHARS) {
            givePoints(e, c, body, scores);
          }
        }
      }
    }, body);
    Element top = null;
    double best = 0;
    for (Map.Entry<Element, double[]> en : scores.entrySet()) {
      double s = en.getValue()[0] * (1 - stats.linkDensity(en.getKey()));
      en.getValue()[0] = s;
      if (s > best) {
        best = s;
        top = en.getKey();
      }
    }
    if (top == null) {
      return List.of();
    }
    top = climb(top, best, body, scores);
    // A container that is its parent's only child says nothing on its own: take the parent.
    while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
      top = top.parent();
    }
    return withSiblings(top, best, scores, stats);
  }

  /**
   * Readability's walk up from the best container: content split over several blocks gives their
   * common ancestor points too; an ancestor scoring higher than the block below it holds more of the
   * content and becomes the choice, and the walk stops where the scores fall below a third.
   */
  private static Element climb(Element top, double best, Element body, Map<Element, double[]> scores) {
    double last = best;
    double threshold = best / 3;
    for (Element p = top.parent(); p != null && p != body; p = p.parent()) {
      double[] score = scores.get(p);
      if (score == null) {
        continue;
      }
      if (score[0] < threshold) {
        break;
      }
      if (score[0] > last) {
        return p;
      }
      last = score[0];
    }
    return top;
  }

  private static void givePoints(Element e, TextStats.Counts c, Element body, Map<Element, double[]> scores) {
    double ownLinkDensity = (double) c.ownLinkChars / c.ownChars;
    // One point for the paragraph, one per comma, one per 100 chars up to 3 (Readability's).
    double points = (1 + c.ownCommas + Math.min(c.ownChars / 100.0, 3)) * (1 - ownLinkDensity);
    Element target = LEAF_BLOCKS.contains(e.normalName()) ? e.parent() : e;
    for (int level = 0; level < LEVELS && target != null; level++) {
      double[] score = scores.get(target);
      if (score == null) {
        score = new double[] {initialScore(target)};
        scores.put(target, score);
      }
      score[0] += level == 0 ? points : level == 1 ? points / 2 : points / (level * 3);
      if (target == body) {
        break;
      }
      target = target.parent();
    }
  }

  /** Readability's prior by tag, plus its class weight. */
  private static double initialScore(Element e) {
    double s = switch (e.normalName()) {
      case "article" -> 10;
      case "div", "main", "section" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
    return s + BoilerplateHints.weight(BoilerplateHints.names(e));
  }

  /** {@code top} and those of its siblings that belong with it, in document order. */
  private static List<Element> withSiblings(Element top, double best, Map<Element, double[]> scores,
      TextStats stats) {
    Element parent = top.parent();
    if (parent == null) {
      return List.of(top);
    }
    double threshold = Math.max(10, best * 0.2);
    String topClass = top.className();
    List<Element> out = new ArrayList<>();
    for (Element s : parent.children()) {
      if (s == top) {
        out.add(s);
        continue;
      }
      double[] score = scores.get(s);
      double bonus = !topClass.isEmpty() && topClass.equals(s.className()) ? best * 0.2 : 0;
      if (score != null && score[0] + bonus >= threshold) {
        out.add(s);
      } else if (readsAsProse(s, stats)) {
        out.add(s);
      }
    }
    return out;
  }

  /** A sibling paragraph with little link text: long, or short and ending a sentence (Readability's). */
  private static boolean readsAsProse(Element s, TextStats stats) {
    if (!s.normalName().equals("p")) {
      return false;
    }
    int chars = stats.chars(s);
    double ld = stats.linkDensity(s);
    if (chars > 80) {
      return ld < 0.25;
    }
    if (chars == 0 || ld > 0) {
      return false;
    }
    String text = s.text();
    return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") || text.endsWith("\u3002");
  }
}
