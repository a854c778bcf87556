package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.posexplode;
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
 * Per measured filter value, the histogram of the documents that reached it, split into those its
 * rules passed and those they dropped: two aggregations over the processed table (the values'
 * range, then the bins), whatever its size.
 */
public final class FilterHistograms {
  private FilterHistograms() {}

  /**
   * @param processed rows with {@code measures} (at the positions of {@code measures}) and the
   *     {@code reason} of a rejected document (null when kept)
   */
  public static List<Map<String, Object>> of(Dataset<Row> processed, List<Measure> measures) {
    if (measures.isEmpty()) {
      return List.of();
    }
    Dataset<Row> values = processed.select(posexplode(col("measures")).as(new String[] {"pos", "value"}), col("reason"))
        .filter(not(isnan(col("value"))));
    Map<Integer, Row> ranges = new LinkedHashMap<>();
    for (Row r : values.groupBy("pos").agg(min("value"), max("value"), count(lit(1))).collectAsList()) {
      ranges.put(r.getInt(0), r);
    }
    List<Binning> binnings = new ArrayList<>();
    for (int i = 0; i < measures.size(); i++) {
      Measure m = measures.get(i);
      Row range = ranges.get(i);
      binnings.add(range == null ? null : Binning.over(m.scale(), m.low(), m.high(), range.getDouble(1),
          range.getDouble(2), m.thresholds(), Binning.BINS));
    }
    long[][] passed = new long[measures.size()][Binning.BINS];
    long[][] dropped = new long[measures.size()][Binning.BINS];
    if (!ranges.isEmpty()) {
      List<Column> lows = new ArrayList<>();
      List<Column> highs = new ArrayList<>();
      List<Column> logs = new ArrayList<>();
      List<Column> reasons = new ArrayList<>();
      for (int i = 0; i < measures.size(); i++) {
        Binning b = binnings.get(i);
        lows.add(lit(b == null ? 0.0 : b.low()));
        highs.add(lit(b == null ? 1.0 : b.high()));
        logs.add(lit(b != null && b.scale() == Measure.Scale.LOG));
        reasons.add(array(measures.get(i).reasons().stream().map(r -> lit(r)).toArray(Column[]::new)));
      }
      Column at = col("pos").plus(1);
      Column bin = Binning.index(col("value"), element_at(array(lows.toArray(Column[]::new)), at),
          element_at(array(highs.toArray(Column[]::new)), at), element_at(array(logs.toArray(Column[]::new)), at),
          Binning.BINS);
      Column isDropped = coalesce(array_contains(element_at(array(reasons.toArray(Column[]::new)), at), col("reason")),
          lit(false));
      for (Row r : values.select(col("pos"), bin.as("bin"), isDropped.as("dropped")).groupBy("pos", "bin")
          .agg(count(when(not(col("dropped")), lit(1))), count(when(col("dropped"), lit(1)))).collectAsList()) {
        passed[r.getInt(0)][r.getInt(1)] = r.getLong(2);
        dropped[r.getInt(0)][r.getInt(1)] = r.getLong(3);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < measures.size(); i++) {
      out.add(histogram(measures.get(i), binnings.get(i), passed[i], dropped[i]));
    }
    return out;
  }

  /** One measure's entry; bins that hold nothing are left out (their bounds follow from the others'). */
  private static Map<String, Object> histogram(Measure m, Binning binning, long[] passed, long[] dropped) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("measure", m.key());
    out.put("filter", m.filter());
    out.put("title", m.title());
    out.put("scale", m.scale().name().toLowerCase(java.util.Locale.ROOT));
    out.put("threshold", m.thresholds().isEmpty() ? null : m.thresholds().get(0));
    out.put("thresholds", m.thresholds());
    Map<String, Object> byLanguage = new LinkedHashMap<>();
    m.thresholdsByLanguage().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> byLanguage.put(e.getKey(), e.getValue().isEmpty() ? null : e.getValue().get(0)));
    out.put("thresholds_by_language", byLanguage);
    out.put("reasons", m.reasons());
    List<Map<String, Object>> bins = new ArrayList<>();
    long reached = 0;
    long droppedTotal = 0;
    if (binning != null) {
      for (int b = 0; b < binning.bins(); b++) {
        reached += passed[b] + dropped[b];
        droppedTotal += dropped[b];
        if (passed[b] + dropped[b] > 0) {
          Map<String, Object> bin = binning.bounds(b);
          bin.put("passed", passed[b]);
          bin.put("dropped", dropped[b]);
          bins.add(bin);
        }
      }
    }
    out.put("bins", bins);
    out.put("reached", reached);
    out.put("dropped", droppedTotal);
    out.put("dropped_share", reached == 0 ? 0.0 : (double) droppedTotal / reached);
    return out;
  }
}
