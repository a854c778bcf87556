package dev.pretrain.dedup.clean;

import dev.pretrain.dedup.extract.BlockText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns documents that {@link HtmlDetector} calls HTML into text with jsoup: scripts, styles and
 * other non-text elements are dropped, inline whitespace collapses as a browser shows it, text in
 * {@code <pre>} keeps its own, and block elements (paragraphs, headings, list items, table rows,
 * {@code <br>}) become line breaks, so the line-based filters still see the page's structure.
 * Other documents pass unchanged. The conversion itself is {@link BlockText#WHOLE_PAGE}, which the
 * main-content extractor's FULL mode shares.
 */
public final class HtmlToText implements Cleaner {
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
    doc.select(BlockText.NON_TEXT).remove();
    return BlockText.WHOLE_PAGE.render(doc);
  }
}
