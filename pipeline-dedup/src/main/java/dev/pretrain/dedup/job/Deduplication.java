package dev.pretrain.dedup.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.dedup.DedupSettings;
import dev.pretrain.dedup.components.ConnectedComponents;
import dev.pretrain.dedup.components.Lineage;
import dev.pretrain.dedup.index.PreviousOutput;
import dev.pretrain.dedup.lsh.BandBuckets;
import dev.pretrain.dedup.lsh.PairVerification;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.url.CrawlTime;
import dev.pretrain.dedup.url.UrlKeyFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Assigns every document that passed the filters to a duplicate cluster: first documents of this
 * run with equal normalized URLs (the latest crawl of a page stays, the others join its cluster),
 * then documents with equal exact keys, then exact representatives whose MinHash bands collide (optionally verified
 * by exact Jaccard similarity), joined by connected components. Each cluster keeps its lowest id,
 * which makes the choice independent of partitioning and input order. Every step is an
 * aggregation, a join or a round of {@link ConnectedComponents}, so a group of a million exact
 * copies or a bucket of a million near copies is streamed through its task, never held in it.
 *
 * <p>Against a previous output, the documents of its index join the graph as nodes with
 * {@code from_previous} set. The graph orders nodes by their key {@code node = (this_run, id)}
 * ({@link #nodeKey}): a previous document sorts before every document of this run whatever the
 * ids, and stays apart from one of this run with the same id. So a cluster that reaches the
 * previous corpus is led by a previous document, and every new member of it (directly or through
 * other new documents) is removed. Previous documents are never removed, and edges between two of
 * them are ignored (they were deduplicated when they were curated).
 *
 * <p>Each stage reports its own {@link StageCounters}, under the names below, in this order.
 */
final class Deduplication {
  private Deduplication() {}

  /** The stages' names: their keys in {@code report.json}'s {@code corpus_stages}. */
  static final String URL = "url";
  static final String NODES = "nodes";
  static final String EXACT = "exact";
  static final String NEAR = "near";
  static final String CLUSTERS = "clusters";

  /** Values of {@code removed_as}, as written to {@code dedup/clusters/}. */
  static final String REMOVED_AS_EXACT = "exact";
  static final String REMOVED_AS_NEAR = "near";
  static final String REMOVED_AS_PREVIOUS = "previous";

  /**
   * @param clusters {@code (id, exact_rep, cluster_id, cluster_size, of_previous, kept, removed_as)} for every
   *     document of this run; the kept one leads its cluster; a document without duplicates is its
   *     own cluster of size 1; with {@code of_previous} the cluster is led by a document of the
   *     previous output, whose id is {@code cluster_id} (a document of this run with that same id is
   *     another node, and not kept), and its size counts it; {@code removed_as} is null for the kept
   *     document, else why it was removed: {@code previous} (its cluster reaches the previous
   *     output), {@code exact} (its normalized text equals a smaller id's, or its normalized URL a
   *     later crawl's; {@code exact_rep} is that document) or {@code near} (linked by MinHash LSH to a
   *     smaller id)
   * @param largestBuckets the largest LSH buckets, {@code (band, key, size, smallest_id)} (empty
   *     when near dedup is off)
   * @param stages the counters of the stages before the clusters ({@link #URL} when on,
   *     {@link #NODES}, {@link #EXACT} when on, {@link #NEAR} when on); the clusters' own come from {@link #countClusters}
   */
  record Clusters(Dataset<Row> clusters, Dataset<Row> largestBuckets, List<StageCounters> stages) {}

  static final StructType BUCKETS = new StructType()
      .add("band", DataTypes.IntegerType).add("key", DataTypes.LongType)
      .add("size", DataTypes.LongType).add("smallest_id", DataTypes.StringType);

  /**
   * A node's key in the graph, {@code (this_run, id)}. Spark orders structs field by field and false
   * before true, so the previous output's documents ({@code this_run = false}) sort first; the
   * connected components' driver path orders it the same way.
   */
  static Column nodeKey(Column fromPrevious, Column id) {
    return struct(not(fromPrevious).as("this_run"), id.as("id"));
  }

  /**
   * {@link #find(Dataset, Dataset, Optional, DedupSettings, MinHashSettings)} with the texts in the
   * same table as the keys.
   */
  static Clusters find(Dataset<Row> passed, Optional<PreviousOutput> previous, DedupSettings settings,
      MinHashSettings minhash) {
    return find(passed, passed.select("id", "text"), previous, settings, minhash);
  }

  /**
   * The corpus-level dedup stages, in order, each a function of the table before it.
   *
   * @param passed rows with {@code id}, {@code exact_key}, {@code band_keys}, {@code url} and
   *     {@code warc_date} (the document's {@code meta["warc_date"]}, or null)
   * @param texts the same documents' {@code id} and {@code text}, read only to verify candidate
   *     pairs: a table apart, so the stages that need only keys do not read the texts
   * @param previous the output to deduplicate against, if any
   */
  static Clusters find(Dataset<Row> passed, Dataset<Row> texts, Optional<PreviousOutput> previous,
      DedupSettings settings, MinHashSettings minhash) {
    List<StageCounters> stages = new ArrayList<>();
    UrlLinks url = UrlLinks.none(passed);
    if (settings.url()) {
      url = urlDuplicates(passed, settings.reliableCheckpoints());
      stages.add(url.counters());
    }
    Dataset<Row> nodes = graphNodes(url.survivors(), previous);
    stages.add(countNodes(nodes));
    Dataset<Row> withRep = exactDuplicates(nodes, settings);
    if (settings.exact()) {
      stages.add(countExact(withRep));
    }
    NearLinks near = NearLinks.none(passed.sparkSession());
    if (settings.near()) {
      near = nearDuplicates(withRep, texts, previous, settings, minhash);
      stages.add(near.counters());
    }
    return new Clusters(clusters(withRep, near.components(), url.duplicates()), near.largestBuckets(),
        List.copyOf(stages));
  }

  /**
   * What URL dedup found: the documents that go on to the graph, {@code (id, exact_key, band_keys)};
   * the others as {@code (node, url_rep)} node keys, each with the document of its URL that stays
   * (empty when off); and the stage's counters.
   */
  private record UrlLinks(Dataset<Row> survivors, Optional<Dataset<Row>> duplicates, StageCounters counters) {
    static UrlLinks none(Dataset<Row> passed) {
      return new UrlLinks(passed.select("id", "exact_key", "band_keys"), Optional.empty(), StageCounters.of(URL));
    }
  }

  /**
   * Stage 0, URL dedup, over this run's documents only: a previous output's index holds no URL, so
   * a page crawled again is found there by its text alone (exact or near). Documents with the same
   * normalized URL ({@code UrlNormalizer}) keep one, the latest crawl ({@code warc_date}, compared as
   * an instant; a document without one, or with one that does not parse, counts as the oldest),
   * ties to the smallest id; that is {@code min((-crawl time, id))} per URL, an aggregation joined
   * back to the documents like the exact representatives. The others are removed before the graph,
   * so a copy never links its URL's page with a page its text repeats: it joins its representative's
   * cluster at the end ({@link #clusters}) and is counted as an exact duplicate (or as one of the
   * previous output when that cluster reaches it). Counters: {@code with_url} (documents with a URL
   * that has a host), {@code groups} (normalized URLs of two or more documents), {@code removed}.
   */
  private static UrlLinks urlDuplicates(Dataset<Row> passed, boolean reliable) {
    Column crawled = CrawlTime.column(col("warc_date"));
    Dataset<Row> keyed = passed.select(col("id"), col("exact_key"), col("band_keys"),
        UrlKeyFunction.column(col("url")).as("url_key"),
        coalesce(crawled.multiply(lit(-1L)), lit(Long.MAX_VALUE)).as("recency"));
    Dataset<Row> withUrl = keyed.filter(col("url_key").isNotNull());
    Dataset<Row> representatives = withUrl.groupBy(col("url_key").as("rep_url_key"))
        .agg(min(struct(col("recency"), col("id"))).as("rep"), count(lit(1)).as("copies"));
    // Documents without a URL bypass the join: in it they would share one null key, and one task.
    Dataset<Row> withoutUrl = keyed.filter(col("url_key").isNull()).select(col("id"), col("exact_key"),
        col("band_keys"), col("url_key"), lit(1L).as("copies"), col("id").as("url_rep"));
    // Read three times: for the counters, the survivors and the duplicates.
    Dataset<Row> withRep = Lineage.cut(withUrl.join(representatives, col("url_key").equalTo(col("rep_url_key")))
        .select(col("id"), col("exact_key"), col("band_keys"), col("url_key"), col("copies"),
            col("rep.id").as("url_rep"))
        .unionByName(withoutUrl), reliable);
    Column copy = col("id").notEqual(col("url_rep"));
    Row n = withRep.agg(count(col("url_key")), count(when(not(copy).and(col("copies").gt(1)), lit(1))),
        count(when(copy, lit(1)))).first();
    StageCounters counters = StageCounters.of(URL).with("with_url", n.getLong(0)).with("groups", n.getLong(1))
        .with("removed", n.getLong(2));
    Dataset<Row> duplicates = withRep.filter(copy)
        .select(nodeKey(lit(false), col("id")).as("node"), nodeKey(lit(false), col("url_rep")).as("url_rep"));
    return new UrlLinks(withRep.filter(not(copy)).select("id", "exact_key", "band_keys"), Optional.of(duplicates),
        counters);
  }

  /**
   * Stage 1: this run's documents and the previous output's indexed documents, {@code (node,
   * from_previous, exact_key, band_keys)}.
   */
  private static Dataset<Row> graphNodes(Dataset<Row> passed, Optional<PreviousOutput> previous) {
    Dataset<Row> nodes = passed.select(col("id"), lit(false).as("from_previous"), col("exact_key"), col("band_keys"));
    if (previous.isPresent()) {
      nodes = nodes.unionByName(previous.get().index()
          .select(col("id"), lit(true).as("from_previous"), col("exact_key"), col("band_keys")));
    }
    return nodes.select(nodeKey(col("from_previous"), col("id")).as("node"), col("from_previous"), col("exact_key"),
        col("band_keys"));
  }

  private static StageCounters countNodes(Dataset<Row> nodes) {
    Row n = nodes.agg(count(when(not(col("from_previous")), lit(1))), count(when(col("from_previous"), lit(1)))).first();
    return StageCounters.of(NODES).with("current", n.getLong(0)).with("previous", n.getLong(1));
  }

  /**
   * Stage 2, exact dedup: every node with {@code exact_rep}, the smallest node of its exact key
   * (itself when off).
   */
  private static Dataset<Row> exactDuplicates(Dataset<Row> nodes, DedupSettings settings) {
    Dataset<Row> withRep = settings.exact() ? withExactRepresentative(nodes) : nodes.withColumn("exact_rep", col("node"));
    if (settings.exact() && settings.near()) {
      // Read four times: for its counters, twice by the LSH buckets (members and their minimums), once for the clusters.
      withRep = Lineage.cut(withRep, settings.reliableCheckpoints());
    }
    return withRep;
  }

  /**
   * {@code representatives}: nodes that are the smallest of their exact key (or have none), passed on
   * to near dedup; {@code duplicates}: the others ({@code representatives + duplicates} = the nodes);
   * {@code groups}: exact keys of two or more nodes.
   */
  private static StageCounters countExact(Dataset<Row> withRep) {
    Column copy = col("node").notEqual(col("exact_rep"));
    Row n = withRep.agg(count(when(not(copy), lit(1))), count(when(copy, lit(1))),
        countDistinct(when(copy, col("exact_rep")))).first();
    return StageCounters.of(EXACT).with("representatives", n.getLong(0)).with("duplicates", n.getLong(1))
        .with("groups", n.getLong(2));
  }

  /**
   * What near dedup found: {@code (id, component)} of the exact representatives it linked (node
   * keys), the largest LSH buckets, and its counters.
   */
  private record NearLinks(Dataset<Row> components, Dataset<Row> largestBuckets, StageCounters counters) {
    static NearLinks none(SparkSession spark) {
      StructType components = new StructType().add("id", NODE).add("component", NODE);
      return new NearLinks(spark.createDataFrame(List.of(), components), spark.createDataFrame(List.of(), BUCKETS),
          StageCounters.of(NEAR));
    }
  }

  /** The type of {@link #nodeKey}. */
  private static final StructType NODE = new StructType()
      .add("this_run", DataTypes.BooleanType, false).add("id", DataTypes.StringType);

  /**
   * Stage 3, near dedup of the exact representatives: LSH band buckets give candidate pairs (none
   * between two previous documents), verified by exact Jaccard when on, joined by connected
   * components. Counters: {@code buckets} (of two or more representatives), {@code candidate_pairs}
   * (distinct), {@code verified_pairs} (with verification on), {@code linked} (representatives in
   * a component), {@code components}, {@code rounds} (0 when solved in the driver).
   */
  private static NearLinks nearDuplicates(Dataset<Row> withRep, Dataset<Row> passedTexts,
      Optional<PreviousOutput> previous, DedupSettings settings, MinHashSettings minhash) {
    Dataset<Row> representatives = withRep.filter(col("node").equalTo(col("exact_rep")))
        .select(col("node").as("id"), col("band_keys"));
    BandBuckets.Candidates candidates = BandBuckets.find(representatives, settings.reliableCheckpoints());
    StageCounters counters = StageCounters.of(NEAR).with("buckets", candidates.buckets().count());
    Dataset<Row> edges = candidates.edges();
    if (previous.isPresent()) {
      edges = edges.filter(col("src.this_run").or(col("dst.this_run")));
    }
    long candidatePairs = -1;
    if (settings.verify()) {
      Dataset<Row> texts = passedTexts.select(nodeKey(lit(false), col("id")).as("id"), col("text"));
      if (previous.isPresent()) {
        texts = texts.union(previous.get().documents().select(nodeKey(lit(true), col("id")).as("id"), col("text")));
      }
      PairVerification.Verified verified = PairVerification.verify(edges, texts, minhash,
          settings.verifyThreshold(), settings.reliableCheckpoints());
      edges = verified.verified();
      candidatePairs = verified.candidates();
    }
    ConnectedComponents.Result result = new ConnectedComponents(settings.maxRounds(), settings.reliableCheckpoints(),
        settings.driverComponentsMaxEdges()).run(edges);
    // The components' edges are the distinct pairs they were given (see BandBuckets: each is a
    // member and its bucket's smaller minimum, so no pair comes in both directions).
    counters = settings.verify()
        ? counters.with("candidate_pairs", candidatePairs).with("verified_pairs", result.edges())
        : counters.with("candidate_pairs", result.edges());
    counters = counters.with("linked", result.nodes()).with("components", result.componentCount())
        .with("rounds", result.rounds());
    Dataset<Row> largest = candidates.largest().withColumn("smallest_id", col("smallest_id.id"));
    return new NearLinks(result.components(), largest, counters);
  }

  /**
   * Stage 4: every document of this run with its cluster (its exact representative's component, or
   * the representative itself; a URL duplicate's is its URL representative's), the cluster's size,
   * whether it is kept, and why it was removed.
   */
  private static Dataset<Row> clusters(Dataset<Row> withRep, Dataset<Row> components,
      Optional<Dataset<Row>> urlDuplicates) {
    Dataset<Row> ofNodes = withRep.select(col("node"), col("from_previous"), col("exact_rep"))
        .join(components.withColumnRenamed("id", "rep"), col("exact_rep").equalTo(col("rep")), "left")
        .select(col("node"), col("from_previous"), col("exact_rep"),
            coalesce(col("component"), col("exact_rep")).as("cluster"));
    Dataset<Row> clusterOf = ofNodes;
    if (urlDuplicates.isPresent()) {
      // A URL copy is in its representative's cluster, with the representative as what it repeats.
      Dataset<Row> ofUrlCopies = urlDuplicates.get()
          .join(ofNodes.select(col("node").as("rep_node"), col("cluster")), col("url_rep").equalTo(col("rep_node")))
          .select(col("node"), lit(false).as("from_previous"), col("url_rep").as("exact_rep"), col("cluster"));
      clusterOf = ofNodes.unionByName(ofUrlCopies);
    }
    Dataset<Row> sizes = clusterOf.groupBy("cluster").agg(count(lit(1)).cast(DataTypes.IntegerType).as("cluster_size"));
    Column kept = col("node").equalTo(col("cluster"));
    Column ofPrevious = not(col("cluster.this_run"));
    return clusterOf.join(sizes, "cluster")
        .filter(not(col("from_previous")))
        .select(col("node.id").as("id"), col("exact_rep.id").as("exact_rep"), col("cluster.id").as("cluster_id"),
            col("cluster_size"), ofPrevious.as("of_previous"), kept.as("kept"),
            when(kept, lit(null).cast(DataTypes.StringType))
                .when(ofPrevious, lit(REMOVED_AS_PREVIOUS))
                .when(col("node").notEqual(col("exact_rep")), lit(REMOVED_AS_EXACT))
                .otherwise(lit(REMOVED_AS_NEAR)).as("removed_as"));
  }

  /**
   * What the clusters stage did, in one pass over its (persisted) table: documents removed by
   * {@code removed_as} (the report's {@code duplicates_removed}), and the stage's counters:
   * {@code clusters} of two or more nodes holding a document of this run, {@code of_previous} of
   * them led by a previous document, {@code members} (this run's documents in them, the rows of
   * {@code dedup/clusters/}), {@code singletons} (this run's documents without a duplicate),
   * {@code largest} (nodes in the largest cluster).
   */
  static Counted countClusters(Dataset<Row> clusters) {
    Column multiple = col("cluster_size").gt(1);
    Row n = clusters.agg(
        count(when(col("removed_as").equalTo(REMOVED_AS_EXACT), lit(1))),
        count(when(col("removed_as").equalTo(REMOVED_AS_NEAR), lit(1))),
        count(when(col("removed_as").equalTo(REMOVED_AS_PREVIOUS), lit(1))),
        count(when(col("kept").and(multiple), lit(1))),
        countDistinct(when(col("of_previous"), col("cluster_id"))),
        count(when(multiple, lit(1))),
        count(when(not(multiple), lit(1))),
        max(col("cluster_size"))).first();
    StageCounters counters = StageCounters.of(CLUSTERS).with("clusters", n.getLong(3) + n.getLong(4))
        .with("of_previous", n.getLong(4)).with("members", n.getLong(5)).with("singletons", n.getLong(6))
        .with("largest", n.isNullAt(7) ? 0 : n.getInt(7));
    return new Counted(n.getLong(0), n.getLong(1), n.getLong(2), counters);
  }

  /** Documents of this run removed as duplicates, by what they duplicate, and the clusters' counters. */
  record Counted(long exact, long near, long ofPrevious, StageCounters counters) {}

  /**
   * Each node with the smallest node of its exact key, {@code exact_rep}, by an aggregation joined
   * back: a window over the key would hold a whole group of copies in one task. The nodes are the
   * join's left side, streamed past the one aggregated row of their key. A node without a key
   * represents itself.
   */
  private static Dataset<Row> withExactRepresentative(Dataset<Row> nodes) {
    Dataset<Row> representatives = nodes.filter(col("exact_key").isNotNull())
        .groupBy(col("exact_key").as("rep_key")).agg(min("node").as("rep_node"));
    return nodes.join(representatives, col("exact_key").equalTo(col("rep_key")), "left")
        .select(col("node"), col("from_previous"), col("band_keys"),
            coalesce(col("rep_node"), col("node")).as("exact_rep"));
  }
}
