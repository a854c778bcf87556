package dev.pretrain.dedup.job;

import dev.pretrain.dedup.DedupSettings;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import dev.pretrain.dedup.components.ConnectedComponents;
import dev.pretrain.dedup.lsh.BandBuckets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Assigns every document that passed the filters to a duplicate cluster: first documents with
 * equal exact keys, then exact representatives whose MinHash bands collide, joined by connected
 * components. Each cluster keeps its lowest id, which makes the choice independent of
 * partitioning and input order.
 */
final class Deduplication {
  private Deduplication() {}

  /**
   * @param clusters {@code (id, cluster_id, cluster_size)} for every input document; the kept one
   *     has {@code id == cluster_id}; a document without duplicates is its own cluster of size 1
   * @param representatives {@code (id, band_keys)} of exact representatives (the near-dedup input)
   * @param oversizedBuckets LSH buckets that were cut (empty when near dedup is off)
   * @param rounds connected-components rounds (0 when near dedup is off)
   */
  record Clusters(Dataset<Row> clusters, Dataset<Row> representatives, Dataset<Row> oversizedBuckets, int rounds) {}

  static final StructType BUCKETS = new StructType()
      .add("band", DataTypes.IntegerType).add("key", DataTypes.LongType)
      .add("size", DataTypes.LongType).add("smallest_id", DataTypes.StringType);

  /** @param passed rows with {@code id}, {@code exact_key}, {@code band_keys} */
  static Clusters find(Dataset<Row> passed, DedupSettings settings) {
    Dataset<Row> withRep = settings.exact()
        ? passed.withColumn("exact_rep", min("id").over(Window.partitionBy("exact_key")))
        : passed.withColumn("exact_rep", col("id"));
    Dataset<Row> representatives = withRep.filter(col("id").equalTo(col("exact_rep"))).select("id", "band_keys");

    Dataset<Row> components;
    Dataset<Row> oversized;
    int rounds = 0;
    if (settings.near()) {
      BandBuckets.Candidates candidates = BandBuckets.find(representatives, settings.maxBucketSize());
      ConnectedComponents.Result result =
          new ConnectedComponents(settings.maxRounds(), settings.reliableCheckpoints()).run(candidates.edges());
      components = result.components();
      oversized = candidates.oversized();
      rounds = result.rounds();
    } else {
      SparkEmpty empty = new SparkEmpty(passed);
      components = empty.of(new StructType().add("id", DataTypes.StringType).add("component", DataTypes.StringType));
      oversized = empty.of(BUCKETS);
    }
    Dataset<Row> clusterOf = withRep.select(col("id"), col("exact_rep"))
        .join(components.withColumnRenamed("id", "rep"), col("exact_rep").equalTo(col("rep")), "left")
        .select(col("id"), coalesce(col("component"), col("exact_rep")).as("cluster_id"));
    Dataset<Row> sizes = clusterOf.groupBy("cluster_id").agg(count(lit(1)).cast(DataTypes.IntegerType).as("cluster_size"));
    return new Clusters(clusterOf.join(sizes, "cluster_id").select("id", "cluster_id", "cluster_size"),
        representatives, oversized, rounds);
  }

  /** Empty tables with a given schema in the same session. */
  private record SparkEmpty(Dataset<Row> any) {
    Dataset<Row> of(StructType schema) {
      return any.sparkSession().createDataFrame(java.util.List.of(), schema);
    }
  }
}
