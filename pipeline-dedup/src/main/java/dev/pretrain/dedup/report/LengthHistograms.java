package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.dedup.step.Measure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Document length in UTF-8 bytes per source, before (as read) and after curation (as written),
 * on the same log-scale bins so the two compare. The sources with the most documents are shown;
 * the rest are summed as one.
 */
public final class LengthHistograms {
  /** Sources shown by name. */
  public static final int SOURCES = 20;
  public static final String OTHER_SOURCES = "(other sources)";
  public static final String NO_SOURCE = "(no source)";

  private LengthHistograms() {}

  /**
   * @param before {@code source} and {@code bytes} of every document read (read rejects aside)
   * @param after {@code source} and {@code bytes} of every kept document
   */
  public static Map<String, Object> of(Dataset<Row> before, Dataset<Row> after) {
    Column source = coalesce(col("source"), lit(NO_SOURCE));
    List<String> named = new ArrayList<>();
    for (Row r : before.groupBy(source.as("s")).agg(count(lit(1)).as("n")).orderBy(col("n").desc(), col("s"))
        .limit(SOURCES + 1).collectAsList()) {
      named.add(r.getString(0));
    }
    // With one source too many, the last is summed with the others.
    boolean others = named.size() > SOURCES;
    List<String> shown = others ? named.subList(0, SOURCES) : named;
    Column label = others ? when(source.isin(shown.toArray()), source).otherwise(lit(OTHER_SOURCES)) : source;
    Row range = before.select(col("bytes")).union(after.select(col("bytes"))).agg(min("bytes"), max("bytes")).first();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("unit", "bytes");
    out.put("scale", "log");
    List<Map<String, Object>> sources = new ArrayList<>();
    out.put("sources", sources);
    if (range.isNullAt(0)) {
      return out;
    }
    double least = range.getLong(0);
    double most = range.getLong(1);
    Binning bins = Binning.over(Measure.Scale.LOG, 1, Math.max(2, most), least, most, List.of(), Binning.BINS);
    Map<String, long[]> countsBefore = counts(before, label, bins);
    Map<String, long[]> countsAfter = counts(after, label, bins);
    List<String> labels = new ArrayList<>(shown);
    if (others) {
      labels.add(OTHER_SOURCES);
    }
    for (String s : labels) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("source", s);
      entry.put("before", bins(bins, countsBefore.get(s)));
      entry.put("after", bins(bins, countsAfter.get(s)));
      sources.add(entry);
    }
    return out;
  }

  private static Map<String, long[]> counts(Dataset<Row> documents, Column label, Binning bins) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Row r : documents.groupBy(label.as("s"), bins.index(col("bytes").cast("double")).as("bin"))
        .agg(count(lit(1))).collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new long[bins.bins()])[r.getInt(1)] = r.getLong(2);
    }
    return out;
  }

  /** The bins that hold documents. */
  private static List<Map<String, Object>> bins(Binning bins, long[] counts) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (counts == null) {
      return out;
    }
    for (int b = 0; b < counts.length; b++) {
      if (counts[b] > 0) {
        Map<String, Object> bin = bins.bounds(b);
        bin.put("count", counts[b]);
        out.add(bin);
      }
    }
    return out;
  }
}
