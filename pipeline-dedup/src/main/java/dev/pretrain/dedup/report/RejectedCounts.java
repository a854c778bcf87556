package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rejected documents per stage and reason, with their UTF-8 bytes as they came in, in one
 * aggregation: the funnel's removals and the ranking of the rules.
 *
 * @param stage {@code read}, {@code extract}, {@code clean}, {@code filter} or a corpus stage
 * @param reason the stable label of {@code rejected/}
 */
public record RejectedCounts(String stage, String reason, long documents, long bytes) {

  /** @param rejected {@code stage}, {@code reason} and {@code bytes} of every rejected document */
  public static List<RejectedCounts> of(Dataset<Row> rejected) {
    List<RejectedCounts> out = new ArrayList<>();
    for (Row r : rejected.groupBy("stage", "reason")
        .agg(count(lit(1)), coalesce(sum(col("bytes")), lit(0L)))
        .orderBy(col("stage"), col("reason")).collectAsList()) {
      out.add(new RejectedCounts(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
    }
    return out;
  }
}
