package dev.pretrain.dedup.lsh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;

import dev.pretrain.dedup.components.Lineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns MinHash band keys into candidate-duplicate edges. Documents that share a key in the same
 * band land in one bucket; each member is linked to the bucket's smallest id (a star), so a
 * bucket of n documents gives n-1 edges instead of n(n-1)/2 pairs. Only (band, key, id) is
 * shuffled.
 *
 * <p>Every member of every bucket is linked, whatever the bucket's size: the largest buckets are
 * the most repeated content (a page copied tens of thousands of times with a changing footer),
 * which is what deduplication is for. Memory per task does not grow with a bucket: each bucket's
 * smallest id is an aggregation (partial minimums before the shuffle), and the members meet it in
 * a sort-merge join that streams them past the one aggregated row of their key. Nothing holds a
 * whole bucket (no window over a bucket, no list of its members).
 */
public final class BandBuckets {
  /** How many of the largest buckets are reported. */
  public static final int LARGEST_REPORTED = 20;

  private BandBuckets() {}

  /**
   * @param edges {@code (src, dst)}: a document and the smallest id of a bucket it shares
   * @param largest {@code (band, key, size, smallest_id)} of the {@link #LARGEST_REPORTED} largest
   *     buckets of two or more documents, largest first
   * @param buckets {@code (band, key, size, smallest_id)} of every bucket of two or more documents
   */
  public record Candidates(Dataset<Row> edges, Dataset<Row> largest, Dataset<Row> buckets) {}

  /**
   * @param signatures rows {@code (id, band_keys ARRAY<BIGINT>)}, {@code id} of any orderable type (a
   *     string, or a node key such as curate's {@code (this_run, id)}); documents without keys are skipped
   * @param reliableCheckpoints how the buckets of two or more documents are materialized ({@link Lineage})
   *     before the edges, the largest buckets and a count of them read them: otherwise each read computes
   *     the aggregation over every (band, key, id) again
   */
  public static Candidates find(Dataset<Row> signatures, boolean reliableCheckpoints) {
    Dataset<Row> members = signatures
        .filter(col("band_keys").isNotNull())
        .select(col("id"), posexplode(col("band_keys")).as(new String[] {"band", "key"}));
    Dataset<Row> shared = Lineage.cut(members.groupBy("band", "key")
        .agg(count(lit(1)).as("size"), min("id").as("smallest_id"))
        .filter(col("size").gt(1)), reliableCheckpoints);
    // Members on the left: a sort-merge join streams its left side and buffers the right side's
    // rows of the current key, which here is one row per bucket.
    Dataset<Row> edges = members.join(shared.select("band", "key", "smallest_id"), new String[] {"band", "key"})
        .filter(col("id").notEqual(col("smallest_id")))
        .select(col("id").as("src"), col("smallest_id").as("dst"));
    Dataset<Row> largest = shared
        .orderBy(col("size").desc(), col("band"), col("key"))
        .limit(LARGEST_REPORTED)
        .select("band", "key", "size", "smallest_id");
    return new Candidates(edges, largest, shared);
  }
}
