package dev.pretrain.dedup.lsh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Turns MinHash band keys into candidate-duplicate edges. Documents that share a key in the same
 * band land in one bucket; each member is linked to the bucket's smallest id (a star), so a
 * bucket of n documents gives n-1 edges instead of n(n-1)/2 pairs. Only (band, key, id) is
 * shuffled. A bucket larger than {@code maxBucketSize} (boilerplate shared by thousands of pages)
 * is cut to its smallest ids, so one bucket cannot exhaust a task, and is reported.
 */
public final class BandBuckets {
  private BandBuckets() {}

  /**
   * @param edges {@code (src, dst)}: a document and the smallest id of a bucket it shares
   * @param oversized {@code (band, key, size, smallest_id)} of buckets that were cut, largest first
   */
  public record Candidates(Dataset<Row> edges, Dataset<Row> oversized) {}

  /** @param signatures rows {@code (id STRING, band_keys ARRAY<BIGINT>)}; documents without keys are skipped */
  public static Candidates find(Dataset<Row> signatures, int maxBucketSize) {
    if (maxBucketSize < 2) {
      throw new IllegalArgumentException("maxBucketSize must be at least 2, got " + maxBucketSize);
    }
    Dataset<Row> members = signatures
        .filter(col("band_keys").isNotNull())
        .select(col("id"), posexplode(col("band_keys")).as(new String[] {"band", "key"}));
    WindowSpec bucket = Window.partitionBy("band", "key").orderBy("id");
    Dataset<Row> ranked = members
        .withColumn("rank", row_number().over(bucket))
        .withColumn("bucket_min", first("id").over(bucket));
    Dataset<Row> edges = ranked
        .filter(col("rank").gt(1).and(col("rank").leq(maxBucketSize)))
        .select(col("id").as("src"), col("bucket_min").as("dst"));
    Dataset<Row> oversized = members.groupBy("band", "key")
        .agg(count(lit(1)).as("size"), min("id").as("smallest_id"))
        .filter(col("size").gt(maxBucketSize))
        .orderBy(col("size").desc(), col("band"), col("key"));
    return new Candidates(edges, oversized);
  }
}
