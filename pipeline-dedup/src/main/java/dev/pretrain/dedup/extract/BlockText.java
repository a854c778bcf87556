package dev.pretrain.dedup.extract;

import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Renders a DOM subtree as text the line-based filters can read: inline whitespace collapses as a
 * browser shows it, text in {@code <pre>} keeps its own, block elements (headings, list items,
 * table rows, {@code <br>}) end a line, and paragraph-like blocks get a blank line before and after.
 * Table cells are joined by {@link #cellSeparator}. The walk is iterative (jsoup's traversor), so
 * deeply nested markup cannot overflow the stack.
 */
public final class BlockText {
  /** Elements that end a line. */
  static final Set<String> BLOCKS = Set.of(
      "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
      "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
      "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
      "title", "tr", "ul");
  /** Blocks that start a paragraph: a blank line before and after, as paragraphs in plain text. */
  static final Set<String> PARAGRAPHS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl");
  /** Elements that never hold readable text. */
  public static final String NON_TEXT = "script, style, noscript, template, svg, iframe, object, embed, canvas";

  /** The whole-page conversion (extract mode full, the cleaner earlier versions ran): cells joined by a space. */
  public static final BlockText WHOLE_PAGE = new BlockText(" ");
  /**
   * The extractor's: cells joined by a tab, so a table row stays one line whose cells can still be
   * told apart, and a metric or filter that collapses whitespace sees a plain space.
   */
  public static final BlockText CELLS_BY_TAB = new BlockText("\t");

  private final String cellSeparator;

  private BlockText(String cellSeparator) {
    this.cellSeparator = cellSeparator;
  }

  /** The text of {@code root} and everything under it. */
  public String render(Node root) {
    return render(root, e -> false);
  }

  /** The text of {@code root}, leaving out every element {@code skip} accepts and all under it. */
  public String render(Node root, Predicate<Element> skip) {
    StringBuilder out = new StringBuilder();
    renderInto(out, root, skip);
    return out.toString().strip();
  }

  /** Appends the text of {@code root} to {@code out}, ending a paragraph first if {@code out} has text. */
  void renderInto(StringBuilder out, Node root, Predicate<Element> skip) {
    newline(out, true);
    int[] preDepth = {0};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          appendText(out, t.getWholeText(), preDepth[0] > 0);
        } else if (node instanceof Element e) {
          if (node != root && skip.test(e)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          String name = e.normalName();
          if (name.equals("pre")) {
            preDepth[0]++;
          }
          if (name.equals("br")) {
            out.append('\n');
          } else if (BLOCKS.contains(name)) {
            newline(out, PARAGRAPHS.contains(name));
          } else if (name.equals("td") || name.equals("th")) {
            cell(out);
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e) {
          String name = e.normalName();
          if (name.equals("pre")) {
            preDepth[0]--;
          }
          if (BLOCKS.contains(name)) {
            newline(out, PARAGRAPHS.contains(name));
          }
        }
        return FilterResult.CONTINUE;
      }
    }, root);
  }

  private void appendText(StringBuilder out, String s, boolean pre) {
    if (pre) {
      out.append(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space(out);
      } else {
        out.append(c);
      }
    }
  }

  private void cell(StringBuilder out) {
    if (cellSeparator.equals(" ")) {
      space(out);
      return;
    }
    int n = out.length();
    while (n > 0 && out.charAt(n - 1) == ' ') {
      n--;
    }
    out.setLength(n);
    if (n > 0 && out.charAt(n - 1) != '\n') {
      out.append(cellSeparator);
    }
  }

  private void space(StringBuilder out) {
    int n = out.length();
    if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '\n' && !isSeparatorTab(out.charAt(n - 1))) {
      out.append(' ');
    }
  }

  /** Whether {@code c} is a cell separator of ours (the whole-page form keeps tabs from {@code <pre>} as they were). */
  private boolean isSeparatorTab(char c) {
    return c == '\t' && cellSeparator.equals("\t");
  }

  /** Ends the current line (and leaves a blank line after it for a paragraph), once. */
  private void newline(StringBuilder out, boolean paragraph) {
    int n = out.length();
    while (n > 0 && (out.charAt(n - 1) == ' ' || isSeparatorTab(out.charAt(n - 1)))) {
      n--;
    }
    out.setLength(n);
    if (n == 0) {
      return;
    }
    if (out.charAt(n - 1) != '\n') {
      out.append('\n');
    }
    if (paragraph && (n < 2 || out.charAt(out.length() - 2) != '\n')) {
      out.append('\n');
    }
  }
}
