package dev.pretrain.dedup.filter;

import java.util.List;

/**
 * A document's text with its word tokens computed once and shared by every filter of a chain
 * (three of them need the words; tokenizing once saves two passes per document).
 */
public final class DocumentText {
  private final String text;
  private List<String> words;

  public DocumentText(String text) {
    this.text = java.util.Objects.requireNonNull(text, "text");
  }

  public String text() {
    return text;
  }

  /** {@link WordTokens#split} of the text, computed on first use. */
  public List<String> words() {
    if (words == null) {
      words = WordTokens.split(text);
    }
    return words;
  }
}
