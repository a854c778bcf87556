package dev.pretrain.dedup.components;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected components of an undirected graph with Spark DataFrame operations, by alternating
 * large-star and small-star rounds (Kiveris, Lattanzi, Mirrokni, Rastogi, Vassilvitskii, "Connected
 * Components in MapReduce and Beyond", SoCC 2014). GraphFrames is not available from the build's
 * registry, and this needs only joins and aggregations, which RAPIDS can run on a GPU.
 *
 * <p>Input: edges {@code (src, dst)}, both of one node type: {@code STRING}, or a struct of
 * {@code BOOLEAN}, integer and {@code STRING} fields (a node key such as curate's
 * {@code (this_run, id)}, see {@code Deduplication}). Output: {@code (id, component)} of that type for
 * every node that appears in an edge, where {@code component} is the smallest node of its component
 * in Spark's ordering of the type, so the result does not depend on partitioning or edge order.
 *
 * <p>A graph of at most {@code driverComponentsMaxEdges} distinct edges (after dropping self-loops) is
 * collected to the driver and solved there by union-find, with the same output: each distributed
 * round costs several shuffles and jobs, which for the few thousand verified edges of a typical
 * run cost far more CPU than the graph itself. Such a run reports 0 rounds. The driver compares
 * nodes as Spark does ({@link NodeOrder}), so both paths pick the same smallest node.
 */
public final class ConnectedComponents {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectedComponents.class);

  /**
   * Default of {@code driverComponentsMaxEdges}: about 100 MB of driver heap for string ids of ~20
   * chars; struct node keys (curate's) hold a row object per node besides, somewhat more.
   */
  public static final int DEFAULT_DRIVER_COMPONENTS_MAX_EDGES = 500_000;

  private final int maxRounds;
  private final boolean reliableCheckpoints;
  private final int driverComponentsMaxEdges;

  /**
   * @param maxRounds a bound on rounds; the algorithm needs O(log² n) and far fewer in practice
   * @param reliableCheckpoints cut lineage with {@code checkpoint()} (needs a checkpoint
   *     directory, survives executor loss) rather than {@code localCheckpoint()}
   */
  public ConnectedComponents(int maxRounds, boolean reliableCheckpoints) {
    this(maxRounds, reliableCheckpoints, DEFAULT_DRIVER_COMPONENTS_MAX_EDGES);
  }

  /**
   * @param driverComponentsMaxEdges solve graphs of at most this many distinct edges in the driver (0: always
   *     run distributed rounds)
   */
  public ConnectedComponents(int maxRounds, boolean reliableCheckpoints, int driverComponentsMaxEdges) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
    }
    if (driverComponentsMaxEdges < 0) {
      throw new IllegalArgumentException("driverComponentsMaxEdges must not be negative, got "
          + driverComponentsMaxEdges);
    }
    this.maxRounds = maxRounds;
    this.reliableCheckpoints = reliableCheckpoints;
    this.driverComponentsMaxEdges = driverComponentsMaxEdges;
  }

  /**
   * What a run found.
   *
   * @param rounds distributed rounds it took (0 when solved in the driver)
   * @param edges distinct undirected edges of the graph it was given, self-loops left out
   * @param nodes nodes in those edges, the rows of {@code components}
   * @param componentCount components found (each of two or more nodes)
   */
  public record Result(Dataset<Row> components, int rounds, long edges, long nodes, long componentCount) {}

  public Result run(Dataset<Row> edges) {
    DataType node = edges.schema().apply("src").dataType();
    Comparator<Object> order = NodeOrder.of(node); // fails early on a node type it cannot order
    StructType componentsSchema = new StructType().add("id", node).add("component", node);
    // Normalize: no self-loops, each undirected edge once as (larger, smaller).
    Dataset<Row> current = edges
        .filter(col("src").notEqual(col("dst")))
        .select(larger(col("src"), col("dst")).as("src"), smaller(col("src"), col("dst")).as("dst"))
        .distinct();
    if (driverComponentsMaxEdges > 0) {
      // Cached, so that a graph too large for the driver is not computed again for the rounds.
      Dataset<Row> cached = current.persist(StorageLevel.MEMORY_AND_DISK());
      List<Row> few = cached.limit(driverComponentsMaxEdges + 1).collectAsList();
      if (few.size() <= driverComponentsMaxEdges) {
        cached.unpersist();
        LOG.info("connected components: {} edges, solved in the driver", few.size());
        List<Row> components = unionFind(few, order);
        long roots = components.stream().filter(r -> r.get(0).equals(r.get(1))).count();
        return new Result(current.sparkSession().createDataFrame(components, componentsSchema), 0, few.size(),
            components.size(), roots);
      }
      current = cut(cached);
      cached.unpersist();
    } else {
      current = cut(current);
    }
    long[] fingerprint = fingerprint(current);
    long given = fingerprint[0];
    for (int round = 1; round <= maxRounds; round++) {
      Dataset<Row> next = cut(smallStar(largeStar(current)));
      long[] nextFingerprint = fingerprint(next);
      LOG.info("connected components: round {}: {} edges", round, nextFingerprint[0]);
      if (nextFingerprint[0] == fingerprint[0] && nextFingerprint[1] == fingerprint[1]) {
        // Converged: one edge (node, minimum) per node that is not its component's minimum.
        long components = next.select("dst").distinct().count();
        return new Result(stars(next), round, given, nextFingerprint[0] + components, components);
      }
      current = next;
      fingerprint = nextFingerprint;
    }
    throw new IllegalStateException("connected components did not converge in " + maxRounds
        + " rounds; raise the round limit (the graph may have very long chains)");
  }

  /**
   * The smaller of two nodes. Not {@code least}/{@code greatest}: RAPIDS 25.04 runs neither on
   * struct nodes (curate's {@code (this_run, id)}) but runs comparisons and {@code CASE WHEN} on them.
   * Nodes are never null.
   */
  private static Column smaller(Column a, Column b) {
    return when(a.leq(b), a).otherwise(b);
  }

  private static Column larger(Column a, Column b) {
    return when(a.leq(b), b).otherwise(a);
  }

  /**
   * Large-star: every node links its larger neighbours to the smallest node of its closed
   * neighbourhood. Input and output are undirected edges stored as (larger, smaller).
   */
  static Dataset<Row> largeStar(Dataset<Row> edges) {
    Dataset<Row> both = edges.select(col("src").as("u"), col("dst").as("v"))
        .union(edges.select(col("dst").as("u"), col("src").as("v")));
    Dataset<Row> smallest = both.groupBy("u").agg(min("v").as("m"))
        .select(col("u").as("mu"), smaller(col("u"), col("m")).as("m"));
    return both.join(smallest, both.col("u").equalTo(smallest.col("mu")))
        .filter(col("v").gt(col("u")))
        .select(col("v").as("src"), col("m").as("dst"))
        .distinct();
  }

  /**
   * Small-star: every node links itself and its smaller neighbours to the smallest of them.
   * Input edges are (larger, smaller); output likewise, without self-loops.
   */
  static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> smallest = edges.groupBy("src").agg(min("dst").as("m"));
    Dataset<Row> smaller = edges.join(smallest, "src")
        .select(col("dst").as("node"), col("m"));
    Dataset<Row> self = smallest.select(col("src").as("node"), col("m"));
    return smaller.union(self)
        .filter(col("node").notEqual(col("m")))
        .select(col("node").as("src"), col("m").as("dst"))
        .distinct();
  }

  /** At convergence every edge is (node, component minimum); add each minimum as its own member. */
  private static Dataset<Row> stars(Dataset<Row> edges) {
    return edges.select(col("src").as("id"), col("dst").as("component"))
        .union(edges.select(col("dst").as("id"), col("dst").as("component")))
        .distinct();
  }

  /**
   * {@code (id, component)} of every node of these (larger, smaller) edges by union-find, each
   * component labelled with its smallest node under {@code order} (every root is the smallest node
   * of its tree).
   */
  static List<Row> unionFind(List<Row> edges, Comparator<Object> order) {
    Map<Object, Object> parent = new HashMap<>();
    for (Row e : edges) {
      Object a = root(parent, e.get(0));
      Object b = root(parent, e.get(1));
      int c = order.compare(a, b);
      if (c < 0) {
        parent.put(b, a);
      } else if (c > 0) {
        parent.put(a, b);
      }
    }
    List<Row> out = new ArrayList<>(parent.size());
    for (Object node : parent.keySet()) {
      out.add(RowFactory.create(node, root(parent, node)));
    }
    return out;
  }

  /** The root of {@code node}'s tree, halving the path on the way. */
  private static Object root(Map<Object, Object> parent, Object node) {
    Object x = node;
    Object p = parent.putIfAbsent(x, x);
    if (p == null) {
      return x;
    }
    while (!p.equals(x)) {
      Object grand = parent.get(p);
      parent.put(x, grand);
      x = p;
      p = grand;
    }
    return x;
  }

  /** Edge count and an order-independent hash sum: equal for equal edge sets (up to 2^-64). */
  private static long[] fingerprint(Dataset<Row> edges) {
    Row row = edges.agg(count(lit(1)), sum(xxhash64(col("src"), col("dst")))).first();
    return new long[] {row.getLong(0), row.isNullAt(1) ? 0 : row.getLong(1)};
  }

  private Dataset<Row> cut(Dataset<Row> edges) {
    // Rounds stack joins; without cutting lineage the plan (and a retry) grows with every round.
    return Lineage.cut(edges, reliableCheckpoints);
  }
}
