package dev.pretrain.dedup.clean;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns documents that {@link HtmlDetector} calls HTML into text with jsoup: scripts, styles and
 * other non-text elements are dropped, inline whitespace collapses as a browser shows it, text in
 * {@code <pre>} keeps its own, and block elements (paragraphs, headings, list items, table rows,
 * {@code <br>}) become line breaks, so the line-based filters still see the page's structure.
 * Other documents pass unchanged.
 */
public final class HtmlToText implements Cleaner {
  private static final Set<String> BLOCKS = Set.of(
      "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
      "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
      "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
      "title", "tr", "ul");
  /** Blocks that start a paragraph: a blank line before and after, as paragraphs in plain text. */
  private static final Set<String> PARAGRAPHS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl");
  private static final String NON_TEXT = "script, style, noscript, template, svg, iframe, object, embed, canvas";

  @Override
  public String name() {
    return "html";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    if (!HtmlDetector.looksLikeHtml(text)) {
      return text;
    }
    counters.add("html.converted-documents", 1);
    return toText(Jsoup.parse(text));
  }

  static String toText(Document doc) {
    doc.select(NON_TEXT).remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          appendText(out, t);
        } else if (node instanceof Element e) {
          if (e.normalName().equals("br")) {
            out.append('\n');
          } else if (BLOCKS.contains(e.normalName())) {
            newline(out, PARAGRAPHS.contains(e.normalName()));
          } else if (e.normalName().equals("td") || e.normalName().equals("th")) {
            space(out);
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          newline(out, PARAGRAPHS.contains(e.normalName()));
        }
      }
    }, doc);
    return out.toString().strip();
  }

  private static void appendText(StringBuilder out, TextNode t) {
    if (inPre(t)) {
      out.append(t.getWholeText());
      return;
    }
    String s = t.getWholeText();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space(out);
      } else {
        out.append(c);
      }
    }
  }

  private static boolean inPre(TextNode t) {
    for (Node p = t.parent(); p != null; p = p.parent()) {
      if (p instanceof Element e && e.normalName().equals("pre")) {
        return true;
      }
    }
    return false;
  }

  private static void space(StringBuilder out) {
    int n = out.length();
    if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '\n') {
      out.append(' ');
    }
  }

  /** Ends the current line (and leaves a blank line after it for a paragraph), once. */
  private static void newline(StringBuilder out, boolean paragraph) {
    int n = out.length();
    while (n > 0 && out.charAt(n - 1) == ' ') {
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
