package dev.pretrain.dedup.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.dedup.DedupSettings;
import dev.pretrain.dedup.components.ConnectedComponents;
import dev.pretrain.dedup.components.Lineage;
import dev.pretrain.dedup.index.PreviousOutput;
import dev.pretrain.dedup.lsh.BandBuckets;
import dev.pretrain.dedup.lsh.PairVerification;
import dev.pretrain.dedup.minhash.MinHashSettings;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Assigns every document that passed the filters to a duplicate cluster: first documents with
 * equal exact keys, then exact representatives whose MinHash bands collide (optionally verified
 * by exact Jaccard similarity), joined by connected components. Each cluster keeps its lowest id,
 * which makes the choice independent of partitioning and input order. Every step is an
 * aggregation, a join or a round of {@link ConnectedComponents}, so a group of a million exact
 * copies or a bucket of a million near copies is streamed through its task, never held in it.
 *
 * <p>Against a previous output, the documents of its index join the graph as nodes named
 * {@code "\0" + id}: the NUL prefix sorts before every id, so a cluster that reaches the previous
 * corpus is led by a previous document, and every new member of it (directly or through other
 * new documents) is removed. Previous documents are never removed, and edges between two of them
 * are ignored (they were deduplicated when they were curated).
 */
final class Deduplication {
  private Deduplication() {}

  private static final String PREVIOUS = "\u0000";

  /** Values of {@code removed_as}, as written to {@code dedup/clusters/}. */
  static final String REMOVED_AS_EXACT = "exact";
  static final String REMOVED_AS_NEAR = "near";
  static final String REMOVED_AS_PREVIOUS = "previous";

  /**
   * @param clusters {@code (id, exact_rep, cluster_id, cluster_size, of_previous, kept, removed_as)} for every
   *     document of this run; the kept one leads its cluster ({@code id == cluster_id}; a new
   *     document with the same id as the previous document it repeats is not kept); a document without
   *     duplicates is its own cluster of size 1; with {@code of_previous} the cluster is led by a
   *     document of the previous output, whose id is {@code cluster_id}, and its size counts it;
   *     {@code removed_as} is null for the kept document, else why it was removed: {@code previous}
   *     (its cluster reaches the previous output), {@code exact} (its normalized text equals a
   *     smaller id's) or {@code near} (linked by MinHash LSH to a smaller id)
   * @param largestBuckets the largest LSH buckets, {@code (band, key, size, smallest_id)} (empty
   *     when near dedup is off)
   * @param rounds connected-components rounds (0 when near dedup is off, or when the graph was small
   *     enough to be solved in the driver, see {@link ConnectedComponents})
   */
  record Clusters(Dataset<Row> clusters, Dataset<Row> largestBuckets, int rounds) {}

  static final StructType BUCKETS = new StructType()
      .add("band", DataTypes.IntegerType).add("key", DataTypes.LongType)
      .add("size", DataTypes.LongType).add("smallest_id", DataTypes.StringType);

  /**
   * The corpus-level dedup stages, in order, each a function of the table before it.
   *
   * @param passed rows with {@code id}, {@code exact_key}, {@code band_keys}, {@code text}
   * @param previous the output to deduplicate against, if any
   */
  static Clusters find(Dataset<Row> passed, Optional<PreviousOutput> previous, DedupSettings settings,
      MinHashSettings minhash) {
    Dataset<Row> nodes = graphNodes(passed, previous);
    Dataset<Row> withRep = exactDuplicates(nodes, settings);
    NearLinks near = settings.near()
        ? nearDuplicates(withRep, passed, previous, settings, minhash)
        : NearLinks.none(passed.sparkSession());
    return new Clusters(clusters(withRep, near.components()), near.largestBuckets(), near.rounds());
  }

  /** Stage 1: this run's documents, and the previous output's indexed documents named {@code "\0" + id}. */
  private static Dataset<Row> graphNodes(Dataset<Row> passed, Optional<PreviousOutput> previous) {
    Dataset<Row> nodes = passed.select("id", "exact_key", "band_keys");
    if (previous.isPresent()) {
      nodes = nodes.unionByName(previous.get().index()
          .select(concat(lit(PREVIOUS), col("id")).as("id"), col("exact_key"), col("band_keys")));
    }
    return nodes;
  }

  /** Stage 2, exact dedup: every node with {@code exact_rep}, the smallest id of its exact key (itself when off). */
  private static Dataset<Row> exactDuplicates(Dataset<Row> nodes, DedupSettings settings) {
    Dataset<Row> withRep = settings.exact() ? withExactRepresentative(nodes) : nodes.withColumn("exact_rep", col("id"));
    if (settings.exact() && settings.near()) {
      // Read three times: twice by the LSH buckets (members and their minimums), once for the clusters.
      withRep = Lineage.cut(withRep, settings.reliableCheckpoints());
    }
    return withRep;
  }

  /**
   * What near dedup found: {@code (id, component)} of the exact representatives it linked, the
   * largest LSH buckets, and the connected-components rounds it took.
   */
  private record NearLinks(Dataset<Row> components, Dataset<Row> largestBuckets, int rounds) {
    static NearLinks none(SparkSession spark) {
      return new NearLinks(spark.createDataFrame(List.of(),
          new StructType().add("id", DataTypes.StringType).add("component", DataTypes.StringType)),
          spark.createDataFrame(List.of(), BUCKETS), 0);
    }
  }

  /**
   * Stage 3, near dedup of the exact representatives: LSH band buckets give candidate pairs (none
   * between two previous documents), verified by exact Jaccard when on, joined by connected components.
   */
  private static NearLinks nearDuplicates(Dataset<Row> withRep, Dataset<Row> passed,
      Optional<PreviousOutput> previous, DedupSettings settings, MinHashSettings minhash) {
    Dataset<Row> representatives = withRep.filter(col("id").equalTo(col("exact_rep"))).select("id", "band_keys");
    BandBuckets.Candidates candidates = BandBuckets.find(representatives);
    Dataset<Row> edges = candidates.edges();
    if (previous.isPresent()) {
      edges = edges.filter(not(isPrevious(col("src")).and(isPrevious(col("dst")))));
    }
    if (settings.verify()) {
      Dataset<Row> texts = passed.select("id", "text");
      if (previous.isPresent()) {
        texts = texts.union(previous.get().documents().select(concat(lit(PREVIOUS), col("id")).as("id"), col("text")));
      }
      edges = PairVerification.verify(edges, texts, minhash, settings.verifyThreshold(), settings.reliableCheckpoints());
    }
    ConnectedComponents.Result result = new ConnectedComponents(settings.maxRounds(), settings.reliableCheckpoints(),
        settings.driverComponentsMaxEdges()).run(edges);
    Dataset<Row> largest = candidates.largest()
        .withColumn("smallest_id", regexp_replace(col("smallest_id"), "^" + PREVIOUS, ""));
    return new NearLinks(result.components(), largest, result.rounds());
  }

  /**
   * Stage 4: every document of this run with its cluster (its exact representative's component, or
   * the representative itself), the cluster's size, whether it is kept, and why it was removed.
   */
  private static Dataset<Row> clusters(Dataset<Row> withRep, Dataset<Row> components) {
    Dataset<Row> clusterOf = withRep.select(col("id"), col("exact_rep"))
        .join(components.withColumnRenamed("id", "rep"), col("exact_rep").equalTo(col("rep")), "left")
        .select(col("id"), col("exact_rep"), coalesce(col("component"), col("exact_rep")).as("cluster_id"));
    Dataset<Row> sizes = clusterOf.groupBy("cluster_id").agg(count(lit(1)).cast(DataTypes.IntegerType).as("cluster_size"));
    return clusterOf.join(sizes, "cluster_id")
        .filter(not(isPrevious(col("id"))))
        .select(col("id"), col("exact_rep"),
            regexp_replace(col("cluster_id"), "^" + PREVIOUS, "").as("cluster_id"), col("cluster_size"),
            isPrevious(col("cluster_id")).as("of_previous"),
            // Before the prefix goes: a new document may carry the id of the previous one it repeats.
            col("id").equalTo(col("cluster_id")).as("kept"))
        .withColumn("removed_as", when(col("kept"), lit(null).cast(DataTypes.StringType))
            .when(col("of_previous"), lit(REMOVED_AS_PREVIOUS))
            .when(col("id").notEqual(col("exact_rep")), lit(REMOVED_AS_EXACT))
            .otherwise(lit(REMOVED_AS_NEAR)));
  }

  /**
   * Each node with the smallest id of its exact key, {@code exact_rep}, by an aggregation joined
   * back: a window over the key would hold a whole group of copies in one task. The nodes are the
   * join's left side, streamed past the one aggregated row of their key. A node without a key
   * represents itself.
   */
  private static Dataset<Row> withExactRepresentative(Dataset<Row> nodes) {
    Dataset<Row> representatives = nodes.filter(col("exact_key").isNotNull())
        .groupBy(col("exact_key").as("rep_key")).agg(min("id").as("rep_id"));
    return nodes.join(representatives, col("exact_key").equalTo(col("rep_key")), "left")
        .select(col("id"), col("exact_key"), col("band_keys"), coalesce(col("rep_id"), col("id")).as("exact_rep"));
  }

  private static Column isPrevious(Column id) {
    return when(id.startsWith(PREVIOUS), lit(true)).otherwise(lit(false));
  }
}
