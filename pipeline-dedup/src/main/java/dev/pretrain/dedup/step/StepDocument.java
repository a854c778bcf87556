package dev.pretrain.dedup.step;

import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.filter.DocumentText;
import dev.pretrain.dedup.filter.WordUnits;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One document on its way through the per-document steps: its current text (HTML markup until the
 * extract step has turned it into text), its URL, what the steps counted, the columns they filled
 * and the metadata they added. Not thread-safe; one per document.
 */
public final class StepDocument {
  private String text;
  private final String url;
  private boolean html;
  private final Map<String, String> addedMeta = new TreeMap<>();
  private DocumentText view;
  private final CleanCounters counters = new CleanCounters();
  private String lang;
  private final Map<String, Double> scores = new HashMap<>(4);
  private String exactKey;
  private Long[] bandKeys;
  private char[] normalized;
  private int normalizedLength;
  private MeasureSink measured;
  private java.util.Map<String, Integer> measureOffsets;

  /** A plain-text document without a URL. */
  public StepDocument(String text) {
    this(text, null, false);
  }

  /**
   * @param url the document's URL, or null
   * @param html whether the reader says the text is HTML markup (a WARC response, the
   *     {@code read.fields.html} field)
   */
  public StepDocument(String text, String url, boolean html) {
    this.text = text;
    this.url = url;
    this.html = html;
  }

  /** The URL the document was read with, or null. */
  public String url() {
    return url;
  }

  /** Whether the text is still HTML markup (the reader said so, and no extraction has run yet). */
  public boolean isHtml() {
    return html;
  }

  /** An extractor's output: the text is plain text from now on. */
  public void setExtractedText(String extracted) {
    setText(extracted);
    html = false;
  }

  /** Adds a key to the document's {@code meta} (e.g. the page title the extractor found). */
  public void putMeta(String key, String value) {
    addedMeta.put(key, value);
  }

  /** The meta entries the steps added, in key order. */
  public Map<String, String> addedMeta() {
    return addedMeta;
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
   * asks for the words pays for splitting them), with words between spaces.
   */
  public DocumentText view() {
    return view(WordUnits.SPACES);
  }

  /** As {@link #view()}, with the words of the document's language (the filters of one language share it). */
  public DocumentText view(WordUnits units) {
    if (view == null || view.units() != units) {
      view = new DocumentText(text, units);
    }
    return view;
  }

  public CleanCounters counters() {
    return counters;
  }

  /**
   * The {@code lang} column: the code of the language found (ISO 639-1), or null when language
   * identification has not run; the filters after it use that language's settings.
   */
  public String lang() {
    return lang;
  }

  public void setLang(String code) {
    lang = code;
  }

  /** A classifier's score, for its column of {@code documents/} ({@code <name>_score}). */
  public void setScore(String column, double score) {
    scores.put(column, score);
  }

  /** The score a classifier gave, or null when none scored the document. */
  public Double score(String column) {
    return scores.get(column);
  }

  /**
   * Records what the filters measure into {@code values} (the {@code measures} column), each
   * filter's values from its offset in {@code offsets} on; the caller fills {@code values} with NaN.
   */
  public void recordMeasures(double[] values, java.util.Map<String, Integer> offsets) {
    measured = new MeasureSink(values);
    measureOffsets = offsets;
  }

  /**
   * Where {@code filter} writes its measured values ({@link MeasureSink#NONE} when nothing records them).
   *
   * @throws IllegalStateException when the values are recorded but the step plan declares no
   *     measure of {@code filter} (a step and its declaration out of step: a bug)
   */
  public MeasureSink measures(String filter) {
    if (measured == null) {
      return MeasureSink.NONE;
    }
    Integer offset = measureOffsets.get(filter);
    if (offset == null) {
      throw new IllegalStateException(filter + " measures values that the step plan does not declare");
    }
    return measured.from(offset);
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
