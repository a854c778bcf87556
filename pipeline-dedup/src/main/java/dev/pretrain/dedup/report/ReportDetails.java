package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;

import dev.pretrain.dedup.step.Measure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data behind the curate report's charts, {@code report.json}'s {@code details}: the funnel,
 * each filter's histogram, example rejections, lengths per source, languages and duplicate
 * clusters. Every part is an aggregation in Spark cut to a fixed number of rows (bins, top reasons,
 * sources, languages, clusters), so its JSON stays small whatever the input's size.
 *
 * @param json the {@code details} object, keys in the order written
 */
public record ReportDetails(Map<String, Object> json) {
  /** The funnel rows of the dedup stages. */
  public static final String EXACT = "exact dedup";
  public static final String NEAR = "near dedup";
  public static final String PREVIOUS = "previous output";

  public ReportDetails {
    json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
  }

  /** No details (a report written before they were, or read without them). */
  public static ReportDetails none() {
    return new ReportDetails(Map.of());
  }

  public boolean isEmpty() {
    return json.isEmpty();
  }

  /**
   * What the job's tables hold, as the report needs it.
   *
   * @param bytesIn the UTF-8 bytes of the documents past the reader ({@code in_bytes} summed)
   * @param processed the processed table's small columns: {@code id, in_bytes, source, lang, stage, reason,
   *     measures}
   * @param texts the documents that passed the filters: {@code id, text} (read only for the largest clusters)
   * @param rejected {@code rejected/} as written: {@code id, text, stage, reason}
   * @param clusters every document of this run that reached dedup: {@code id, cluster_id,
   *     cluster_size, kept, removed_as}
   * @param corpusRemoved what the corpus stages removed: {@code stage, reason, in_bytes}
   * @param kept every kept document: {@code source, lang, in_bytes, text_bytes}
   * @param corpusStages the corpus stages that ran, in order
   * @param measures what the filters measure, at the positions of {@code measures}
   * @param steps the per-document steps' names, in order
   * @param exactDedup whether exact (or URL) dedup ran
   * @param nearDedup whether near dedup ran
   * @param previous whether the run deduplicated against a previous output
   * @param singletons documents without a duplicate
   */
  public record Inputs(long recordsIn, long bytesIn, Dataset<Row> processed, Dataset<Row> texts, Dataset<Row> rejected,
      Dataset<Row> clusters, Dataset<Row> corpusRemoved, Dataset<Row> kept, List<String> corpusStages,
      List<Measure> measures, List<String> steps, boolean exactDedup, boolean nearDedup, boolean previous,
      long singletons) {}

  public static ReportDetails of(Inputs in) {
    // Bytes as read: a read reject's raw record, the original text of the others (in_bytes).
    List<RejectedCounts> rejected = RejectedCounts.of(in.rejected().filter(col("stage").equalTo("read"))
        .select(col("stage"), col("reason"), octet_length(col("text")).cast("long").as("bytes"))
        .union(in.processed().filter(col("stage").isNotNull()).select(col("stage"), col("reason"), col("in_bytes")))
        .union(in.corpusRemoved().select(col("stage"), col("reason"), col("in_bytes"))));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("funnel", funnel(in, rejected));
    json.put("filters", FilterHistograms.of(in.processed(), in.measures()));
    json.put("rejection_examples", RejectionExamples.of(in.rejected(), rejected));
    json.put("lengths", LengthHistograms.of(in.processed().select(col("source"), col("in_bytes").as("bytes")),
        in.kept().select(col("source"), col("text_bytes").as("bytes"))));
    json.put("languages", LanguageShares.of(in.processed().select("lang"), in.kept().select("lang")));
    json.put("clusters", ClusterSizes.of(in.clusters(), in.texts(), in.singletons()));
    return new ReportDetails(json);
  }

  /** These details with {@code key} set last (e.g. the CPU time, known only once the job is done). */
  public ReportDetails with(String key, Object value) {
    Map<String, Object> next = new LinkedHashMap<>(json);
    next.put(key, value);
    return new ReportDetails(next);
  }

  private static List<Map<String, Object>> funnel(Inputs in, List<RejectedCounts> rejected) {
    Map<String, long[]> byStage = new HashMap<>();
    Map<String, long[]> byFilter = new LinkedHashMap<>();
    for (RejectedCounts c : rejected) {
      add(byStage, c.stage(), c.documents(), c.bytes());
      if (c.stage().equals("filter")) {
        add(byFilter, Funnel.filterOf(c.reason()), c.documents(), c.bytes());
      }
    }
    Map<String, long[]> dedup = new HashMap<>();
    for (Row r : in.clusters().filter(col("removed_as").isNotNull()).select("id", "removed_as")
        .join(in.processed().select("id", "in_bytes"), "id")
        .groupBy("removed_as").agg(count(lit(1)), coalesce(sum("in_bytes"), lit(0L))).collectAsList()) {
      dedup.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    Row kept = in.kept().agg(count(lit(1)), coalesce(sum("text_bytes"), lit(0L)), coalesce(sum("in_bytes"), lit(0L)))
        .first();

    long[] read = byStage.getOrDefault("read", new long[2]);
    Funnel funnel = new Funnel(in.recordsIn(), in.bytesIn() + read[1]);
    funnel.remove("read", read[0], read[1]);
    if (in.steps().contains("extract") || byStage.containsKey("extract")) {
      remove(funnel, "extract", byStage);
    }
    remove(funnel, "clean", byStage);
    // Each filter in the order the steps run: those that measure or may drop, even when none dropped.
    Set<String> filters = new LinkedHashSet<>();
    Set<String> mayDrop = new LinkedHashSet<>(byFilter.keySet());
    in.measures().forEach(m -> mayDrop.add(m.filter()));
    mayDrop.add("url-filter");
    mayDrop.add("c4-page");
    for (String step : in.steps()) {
      if (mayDrop.contains(step)) {
        filters.add(step);
      }
    }
    filters.addAll(byFilter.keySet());
    for (String filter : filters) {
      remove(funnel, filter, byFilter);
    }
    if (in.exactDedup()) {
      remove(funnel, EXACT, dedup, "exact");
    }
    if (in.nearDedup()) {
      remove(funnel, NEAR, dedup, "near");
    }
    if (in.previous()) {
      remove(funnel, PREVIOUS, dedup, "previous");
    }
    for (String stage : in.corpusStages()) {
      remove(funnel, stage, byStage);
    }
    return funnel.kept(kept.getLong(0), kept.getLong(2), kept.getLong(1));
  }

  private static void add(Map<String, long[]> counts, String key, long documents, long bytes) {
    long[] n = counts.computeIfAbsent(key, k -> new long[2]);
    n[0] += documents;
    n[1] += bytes;
  }

  private static void remove(Funnel funnel, String step, Map<String, long[]> counts) {
    remove(funnel, step, counts, step);
  }

  private static void remove(Funnel funnel, String step, Map<String, long[]> counts, String key) {
    long[] n = counts.getOrDefault(key, new long[2]);
    funnel.remove(step, n[0], n[1]);
  }

  /** The size of this object as {@code report.json} writes it (indented), in UTF-8 bytes. */
  public int jsonBytes() {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(json).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For a reader's convenience: the funnel rows' step names, in order. */
  public List<String> funnelSteps() {
    List<String> out = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.getOrDefault("funnel", List.of());
    rows.forEach(r -> out.add((String) r.get("step")));
    return out;
  }
}
