package dev.pretrain.dedup.step;

import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.filter.DocumentText;

/**
 * One document on its way through the per-document steps: its current text, what the steps
 * counted, and the columns they filled. Not thread-safe; one per document.
 */
public final class StepDocument {
  private String text;
  private DocumentText view;
  private final CleanCounters counters = new CleanCounters();
  private String lang;
  private String exactKey;
  private Long[] bandKeys;
  private char[] normalized;
  private int normalizedLength;

  public StepDocument(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** A cleaner's output; the filters' shared view is rebuilt from it. */
  public void setText(String cleaned) {
    text = cleaned;
    normalized = null;
    view = null;
  }

  /**
   * The text split into lines, words and paragraphs once for all filters (the first filter that
   * asks for the words pays for splitting them).
   */
  public DocumentText view() {
    if (view == null) {
      view = new DocumentText(text);
    }
    return view;
  }

  public CleanCounters counters() {
    return counters;
  }

  /** The {@code lang} column: the ISO 639-1 code found, or null. */
  public String lang() {
    return lang;
  }

  public void setLang(String code) {
    lang = code;
  }

  /** The {@code exact_key} column. */
  public String exactKey() {
    return exactKey;
  }

  public void setExactKey(String key) {
    exactKey = key;
  }

  /** The {@code band_keys} column; null for a text shorter than one shingle. */
  public Long[] bandKeys() {
    return bandKeys;
  }

  public void setBandKeys(Long[] keys) {
    bandKeys = keys;
  }

  /**
   * Keeps the dedup-normalized text of the current text (in {@code chars[0, length)}, borrowed
   * until the text changes) so that the exact key and the MinHash signature normalize it once.
   */
  public void setNormalized(char[] chars, int length) {
    normalized = chars;
    normalizedLength = length;
  }

  /** The normalized text of {@link #setNormalized}, or null when none is kept. */
  public char[] normalized() {
    return normalized;
  }

  public int normalizedLength() {
    return normalizedLength;
  }
}
