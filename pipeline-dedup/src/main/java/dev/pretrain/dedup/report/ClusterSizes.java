package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Duplicate clusters by size on a log scale (bins {@code [2^k, 2^(k+1))}), and the largest ones
 * with the openings of the document kept and of one removed (the smallest removed id), side by side.
 */
public final class ClusterSizes {
  /** Clusters shown with their members' openings. */
  public static final int LARGEST = 10;
  /** Chars of each opening. */
  public static final int OPENING_CHARS = 200;

  private ClusterSizes() {}

  /**
   * @param clusters {@code id, cluster_id, cluster_size, kept} of every document of this run
   * @param texts {@code id, text} of the documents that reached dedup
   * @param singletons documents without a duplicate
   */
  public static Map<String, Object> of(Dataset<Row> clusters, Dataset<Row> texts, long singletons) {
    Dataset<Row> multiple = clusters.filter(col("cluster_size").gt(1));
    List<Map<String, Object>> sizeBins = new ArrayList<>();
    // A size is an integer, so log2(size + 0.5) floors to k for every size in [2^k, 2^(k+1)) without
    // the rounding error log2 of an exact power could bring.
    for (Row r : multiple.groupBy("cluster_id").agg(max("cluster_size").as("size"))
        .groupBy(floor(log2(col("size").plus(0.5))).cast("int").as("k"))
        .agg(count(lit(1)), sum("size")).orderBy("k").collectAsList()) {
      int k = r.getInt(0);
      Map<String, Object> bin = new LinkedHashMap<>();
      bin.put("start", 1L << k);
      bin.put("end", 1L << (k + 1));
      bin.put("clusters", r.getLong(1));
      bin.put("members", r.getLong(2));
      sizeBins.add(bin);
    }
    List<Row> largest = multiple.filter(col("kept")).select("cluster_id", "cluster_size")
        .orderBy(col("cluster_size").desc(), col("cluster_id")).limit(LARGEST).collectAsList();
    List<Object> ids = largest.stream().map(r -> (Object) r.getString(0)).toList();
    Map<String, String> removedOf = new HashMap<>();
    if (!ids.isEmpty()) {
      for (Row r : multiple.filter(col("cluster_id").isin(ids.toArray()).and(not(col("kept"))))
          .groupBy("cluster_id").agg(min("id")).collectAsList()) {
        removedOf.put(r.getString(0), r.getString(1));
      }
    }
    List<Object> shown = new ArrayList<>(ids);
    shown.addAll(removedOf.values());
    Map<String, String> openings = new HashMap<>();
    if (!shown.isEmpty()) {
      for (Row r : texts.filter(col("id").isin(shown.toArray()))
          .select(col("id"), coalesce(substring(col("text"), 1, OPENING_CHARS), lit(""))).collectAsList()) {
        openings.put(r.getString(0), r.getString(1));
      }
    }
    List<Map<String, Object>> top = new ArrayList<>();
    for (Row r : largest) {
      Map<String, Object> cluster = new LinkedHashMap<>();
      cluster.put("size", r.getInt(1));
      cluster.put("kept", member(r.getString(0), openings));
      String removed = removedOf.get(r.getString(0));
      cluster.put("removed", removed == null ? null : member(removed, openings));
      top.add(cluster);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("size_bins", sizeBins);
    out.put("singletons", singletons);
    out.put("largest", top);
    return out;
  }

  private static Map<String, Object> member(String id, Map<String, String> openings) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("opening", openings.getOrDefault(id, ""));
    return out;
  }
}
