package dev.pretrain.bench.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How well a curate run's duplicate clusters match the truth: recall of the planted pairs per band
 * of true Jaccard (pairs with a rejected member left out), and the exact Jaccard of every pair of
 * documents the run put in one cluster, planted or not (clusters are transitive, so a pair may be
 * merged through a chain of similar documents without being similar itself).
 */
final class ClusterQuality {
  /** Above this size a cluster's pairs are only member–kept, not all n(n-1)/2. */
  static final int ALL_PAIRS_UP_TO = 50;

  static final StructType PAIR = new StructType()
      .add("a", DataTypes.StringType).add("b", DataTypes.StringType).add("jaccard", DataTypes.DoubleType);

  private ClusterQuality() {}

  static List<String> evaluate(SparkSession spark, Path corpus, Path output) throws IOException {
    List<String> out = new ArrayList<>();
    Set<String> rejected = new HashSet<>(spark.read().parquet(output.resolve("rejected").toString())
        .select("id").as(Encoders.STRING()).collectAsList());
    Dataset<Row> clusters = spark.read().parquet(output.resolve("dedup/clusters").toString()).select("id", "cluster_id");
    Map<String, String> clusterOf = new HashMap<>();
    for (Row r : clusters.collectAsList()) {
      clusterOf.put(r.getString(0), r.getString(1));
    }
    JaccardBuckets buckets = new JaccardBuckets();
    long skipped = 0;
    for (PlantedPair p : PlantedPair.read(corpus)) {
      if (rejected.contains(p.a()) || rejected.contains(p.b())) {
        skipped++;
        continue;
      }
      String ca = clusterOf.get(p.a());
      buckets.add(p.jaccard(), ca != null && ca.equals(clusterOf.get(p.b())));
    }
    out.add(String.format(Locale.ROOT, "planted pairs in one cluster, by true Jaccard after the job's cleaning"
        + " (%d pairs with a rejected member left out):", skipped));
    out.addAll(buckets.table("merged"));
    out.add(String.format(Locale.ROOT, "recall on planted pairs with Jaccard >= 0.85: %.4f (%d pairs; target >= 0.9)",
        buckets.share(0.85, 1.0), buckets.pairs(0.85, 1.0)));
    out.add(String.format(Locale.ROOT, "planted pairs with Jaccard < 0.5 merged: %.4f (%d pairs; target: none)",
        buckets.share(0.0, 0.5), buckets.pairs(0.0, 0.5)));

    Dataset<Row> docs = spark.read().schema("id STRING, text STRING")
        .json(corpus.resolve(CorpusGenerator.DOCS_DIR).toString());
    Dataset<Row> pairs = clusters.join(docs, "id")
        .groupByKey((MapFunction<Row, String>) r -> r.getString(1), Encoders.STRING())
        .flatMapGroups(new ClusterPairs(), Encoders.row(PAIR))
        .cache();
    Row summary = pairs.agg(count(lit(1)), count(when(col("jaccard").lt(0.5), 1)),
        count(when(col("jaccard").lt(0.7), 1)), min("jaccard")).first();
    out.add(String.format(Locale.ROOT, "all pairs inside clusters (exact Jaccard after the job's cleaning; clusters over %d"
        + " members: member-kept pairs only): %d pairs, %d below 0.5, %d below 0.7, lowest %s", ALL_PAIRS_UP_TO,
        summary.getLong(0), summary.getLong(1), summary.getLong(2), summary.isNullAt(3) ? "-"
            : String.format(Locale.ROOT, "%.3f", summary.getDouble(3))));
    for (Row r : pairs.orderBy("jaccard").limit(5).collectAsList()) {
      out.add(String.format(Locale.ROOT, "  lowest: %s ~ %s Jaccard %.3f", r.getString(0), r.getString(1), r.getDouble(2)));
    }
    pairs.unpersist();
    return out;
  }

  /** The pairs of one cluster with their exact Jaccard; rows are (id, cluster_id, text). */
  static final class ClusterPairs implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(String clusterId, Iterator<Row> members) {
      ShingleSets shingles = new ShingleSets(true);
      List<String> ids = new ArrayList<>();
      List<Set<String>> sets = new ArrayList<>();
      while (members.hasNext()) {
        Row r = members.next();
        ids.add(r.getString(0));
        sets.add(shingles.of(r.getString(2)));
      }
      List<Row> out = new ArrayList<>();
      boolean all = ids.size() <= ALL_PAIRS_UP_TO;
      for (int a = 0; a < ids.size(); a++) {
        for (int b = a + 1; b < ids.size(); b++) {
          if (all || ids.get(a).equals(clusterId) || ids.get(b).equals(clusterId)) {
            out.add(RowFactory.create(ids.get(a), ids.get(b), ShingleSets.jaccard(sets.get(a), sets.get(b))));
          }
        }
      }
      return out.iterator();
    }
  }
}
