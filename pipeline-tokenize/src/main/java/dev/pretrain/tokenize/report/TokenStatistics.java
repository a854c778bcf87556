package dev.pretrain.tokenize.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the encoded documents of a tokenize run hold, summed in one pass and small whatever the run's
 * size: documents, ids and UTF-8 text bytes per (source, language), and per source the documents by
 * token count in powers of two. Written as the dataset's {@code report.json}, the data behind its
 * report's per-source and per-language charts.
 *
 * <p>Each input document counts once, as encoded (its end-of-text id included): a mix's repeated
 * copies are in the manifest's {@code sources}, not here. Sources and languages past
 * {@value #MAX_SOURCES} and {@value #MAX_LANGUAGES} distinct values are summed under
 * {@value #OTHER}, which keeps the file bounded.
 */
public final class TokenStatistics implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String FILE_NAME = "report.json";
  static final int MAX_SOURCES = 100;
  static final int MAX_LANGUAGES = 200;
  static final String OTHER = "(other)";
  static final String NONE = "(none)";
  /** Bin k holds documents of [2^k, 2^(k+1)) ids; a document has at least one (its end-of-text id). */
  static final int BINS = 32;

  /** source → language → {documents, tokens, text bytes} */
  private final Map<String, Map<String, long[]>> counts = new TreeMap<>();
  private final Map<String, long[]> tokenBins = new TreeMap<>();
  private final Set<String> languages = new TreeSet<>();

  /**
   * @param source the document's source (null or empty: {@value #NONE})
   * @param lang its language code (null or empty: {@value #NONE})
   */
  public void add(String source, String lang, long tokens, long textBytes) {
    String s = bounded(source, counts.keySet(), MAX_SOURCES);
    Map<String, long[]> bySource = counts.computeIfAbsent(s, k -> new TreeMap<>());
    long[] c = bySource.computeIfAbsent(language(lang), k -> new long[3]);
    c[0]++;
    c[1] += tokens;
    c[2] += textBytes;
    tokenBins.computeIfAbsent(s, k -> new long[BINS])[bin(tokens)]++;
  }

  public TokenStatistics merge(TokenStatistics other) {
    other.counts.forEach((source, byLang) -> byLang.forEach((lang, c) -> {
      String s = bounded(source, counts.keySet(), MAX_SOURCES);
      long[] mine = counts.computeIfAbsent(s, k -> new TreeMap<>())
          .computeIfAbsent(language(lang), k -> new long[3]);
      for (int i = 0; i < 3; i++) {
        mine[i] += c[i];
      }
    }));
    other.tokenBins.forEach((source, bins) -> {
      long[] mine = tokenBins.computeIfAbsent(bounded(source, tokenBins.keySet(), MAX_SOURCES), k -> new long[BINS]);
      for (int i = 0; i < BINS; i++) {
        mine[i] += bins[i];
      }
    });
    return this;
  }

  static int bin(long tokens) {
    return Math.min(BINS - 1, 63 - Long.numberOfLeadingZeros(Math.max(1, tokens)));
  }

  private String language(String lang) {
    String key = bounded(lang, languages, MAX_LANGUAGES);
    languages.add(key);
    return key;
  }

  private static String bounded(String value, Set<String> seen, int max) {
    String v = value == null || value.isEmpty() ? NONE : value;
    return seen.contains(v) || seen.size() < max ? v : OTHER;
  }

  /** {@code by_source}, {@code by_language} and {@code tokens_per_document}, as report.json holds them. */
  public Map<String, Object> json() {
    Map<String, long[]> bySource = new TreeMap<>();
    Map<String, long[]> byLanguage = new TreeMap<>();
    counts.forEach((source, byLang) -> byLang.forEach((lang, c) -> {
      add(bySource.computeIfAbsent(source, k -> new long[3]), c);
      add(byLanguage.computeIfAbsent(lang, k -> new long[3]), c);
    }));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("by_source", rows("source", bySource));
    out.put("by_language", rows("lang", byLanguage));
    List<Map<String, Object>> histograms = new ArrayList<>();
    tokenBins.forEach((source, bins) -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int k = 0; k < BINS; k++) {
        if (bins[k] > 0) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("start", 1L << k);
          row.put("end", 1L << (k + 1));
          row.put("documents", bins[k]);
          rows.add(row);
        }
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("source", source);
      one.put("bins", rows);
      histograms.add(one);
    });
    out.put("tokens_per_document", histograms);
    return out;
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the tokenize report data", e);
    }
  }

  private static void add(long[] into, long[] c) {
    for (int i = 0; i < 3; i++) {
      into[i] += c[i];
    }
  }

  private static List<Map<String, Object>> rows(String key, Map<String, long[]> counts) {
    List<Map<String, Object>> rows = new ArrayList<>();
    counts.forEach((name, c) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(key, name);
      row.put("documents", c[0]);
      row.put("tokens", c[1]);
      row.put("text_bytes", c[2]);
      row.put("bytes_per_token", c[1] == 0 ? 0.0 : (double) c[2] / c[1]);
      rows.add(row);
    });
    return rows;
  }
}
