package dev.pretrain.dedup.extract;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Text and link counts for every element of a tree, from one iterative walk: how much text an
 * element holds, how much of it is link text (link density: boilerpipe, Kohlschütter et al. 2010),
 * and its "own" text, the text not inside a nested block, which is what a paragraph-like element
 * says itself (the text blocks of jusText, Pomikálek 2011). Characters are counted without
 * whitespace, so indentation in the markup weighs nothing.
 */
final class TextStats {
  static final class Counts {
    int chars;
    int linkChars;
    int ownChars;
    int ownLinkChars;
    int ownCommas;
    int links;
    /** Own text of the paragraphs at or under this element that read as prose (see {@link #PROSE_CHARS}). */
    int prose;
    /** Own text of the blocks at or under this element long enough to be sentences, with little link text (see {@link #GOOD_CHARS}). */
    int good;
  }

  /**
   * A block whose own text is at least this long (non-space chars, about 50 with spaces), with at
   * most a third of it link text, counts as good text for choosing the container
   * ({@link MainContainer}); shorter lines are menus, buttons and captions as often as content.
   */
  static final int GOOD_CHARS = 40;

  /**
   * A block whose own text is at least this long, with at most a third of it link text, reads as
   * prose: jusText's "good" paragraphs start around here (its length_high of 200 chars with spaces).
   */
  static final int PROSE_CHARS = 150;

  private static final Counts NONE = new Counts();
  private final Map<Element, Counts> byElement;

  private TextStats(Map<Element, Counts> byElement) {
    this.byElement = byElement;
  }

  Counts of(Element e) {
    Counts c = byElement.get(e);
    return c == null ? NONE : c;
  }

  int chars(Element e) {
    return of(e).chars;
  }

  /** Link text over all text; 0 for an element without text. */
  double linkDensity(Element e) {
    Counts c = of(e);
    return c.chars == 0 ? 0 : (double) c.linkChars / c.chars;
  }

  static TextStats compute(Element root) {
    Map<Element, Counts> map = new IdentityHashMap<>();
    ArrayDeque<Counts> open = new ArrayDeque<>();
    ArrayDeque<Counts> blocks = new ArrayDeque<>();
    int[] inLink = {0};
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof Element e) {
          Counts c = new Counts();
          map.put(e, c);
          open.push(c);
          if (isBlock(e.normalName()) || node == root) {
            blocks.push(c);
          }
          if (e.normalName().equals("a")) {
            inLink[0]++;
            c.links = 1;
          }
        } else if (node instanceof TextNode t && !open.isEmpty()) {
          String s = t.getWholeText();
          int n = 0;
          int commas = 0;
          for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!Character.isWhitespace(ch) && ch != '\u00a0') {
              n++;
              // Commas as a sign of prose (Readability's scoring); the CJK and Arabic ones too.
              if (ch == ',' || ch == '\uff0c' || ch == '\u3001' || ch == '\u060c') {
                commas++;
              }
            }
          }
          Counts top = open.peek();
          top.chars += n;
          Counts block = blocks.peek();
          block.ownChars += n;
          block.ownCommas += commas;
          if (inLink[0] > 0) {
            top.linkChars += n;
            block.ownLinkChars += n;
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e) {
          Counts c = open.pop();
          if (!open.isEmpty()) {
            Counts parent = open.peek();
            parent.chars += c.chars;
            parent.linkChars += c.linkChars;
            parent.links += c.links;
          }
          if (blocks.peek() == c) {
            blocks.pop();
            if (c.ownChars >= PROSE_CHARS && c.ownLinkChars * 3 <= c.ownChars) {
              c.prose += c.ownChars;
            }
            if (c.ownChars >= GOOD_CHARS && c.ownLinkChars * 3 <= c.ownChars) {
              c.good += c.ownChars;
            }
          }
          if (!open.isEmpty()) {
            open.peek().prose += c.prose;
            open.peek().good += c.good;
          }
          if (e.normalName().equals("a")) {
            inLink[0]--;
          }
        }
      }
    }, root);
    return new TextStats(map);
  }

  static boolean isBlock(String name) {
    return BlockText.BLOCKS.contains(name) || name.equals("td") || name.equals("th");
  }
}
