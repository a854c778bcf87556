package dev.pretrain.dedup.extract;

/**
 * What {@link MainContentExtractor} made of one page.
 *
 * @param text the page's text: one line per heading, list item and table row, a blank line between
 *     paragraphs; empty (never null) when the page has none
 * @param title the page's title, or null when it has none
 * @param path which pass produced {@code text}, so a job can count pages per path
 * @param budgetExceeded whether the page was cut to the budget (markup chars or elements) first
 */
public record Extraction(String text, String title, Path path, boolean budgetExceeded) {
  public enum Path { MAIN, FALLBACK, FULL }

  public Extraction {
    if (text == null || path == null) {
      throw new IllegalArgumentException("text and path must not be null");
    }
  }
}
