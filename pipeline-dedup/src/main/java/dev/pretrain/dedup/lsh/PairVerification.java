package dev.pretrain.dedup.lsh;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.dedup.components.Lineage;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHasher;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Drops LSH candidate edges whose documents are less similar than a threshold by exact Jaccard
 * similarity of their shingle sets (the same shingles as {@link MinHasher}), removing the false
 * positives of banding. Each document in an edge is shingled once, where its text already is, and
 * only its sorted shingle hashes (8 bytes per distinct shingle) travel to the edges. An edge with a
 * node missing from {@code texts} is dropped.
 *
 * <p>Memory per task stays bounded however many pairs share a node (a bucket's smallest id is the
 * {@code dst} of every other member of a bucket of tens of thousands, see {@link BandBuckets}):
 * each pair becomes two rows, one per node; the distinct nodes are shingled; the rows meet their
 * node's set in a sort-merge join that streams them past the one set row of their key; the two
 * sets of a pair then meet in a group of two rows. No row holds a node's pairs (as a
 * {@code collect_list} per node would) and nothing buffers them.
 *
 * <p>The distinct pairs are read twice (for their nodes, and as rows), so they are materialized
 * first ({@link Lineage}; {@code verify} runs that job when called): Spark would otherwise compute
 * the candidates, and everything upstream of them, once per read.
 *
 * <p>The texts are many and their nodes few (a share of the documents, at most two per pair):
 * when the nodes fit Spark's broadcast budget ({@code spark.sql.autoBroadcastJoinThreshold}) they
 * are broadcast, so each text is matched and shingled where it is read and only the nodes' sets
 * are shuffled; otherwise every text crossed a shuffle to meet its node (3.9 GB for 4 GB of input,
 * docs/benchmarks.md). Spark cannot choose this itself: it does not know the pairs' size.
 *
 * <p>Edges are stars (member → bucket minimum, see {@link BandBuckets}), so a pair is checked
 * only as such an edge: a member similar to another member but not to the bucket's minimum loses
 * that link unless another band provides it.
 */
public final class PairVerification {
  /** The Java functions' names in Spark plans. */
  public static final String SHINGLE_SET = "shingle_set";
  public static final String JACCARD = "shingle_jaccard";
  /**
   * What one node costs in a broadcast table: a short id string in an unsafe row (about 32
   * bytes) and its hash-table entry; rounded up, so the estimate errs towards the shuffle.
   */
  static final long BROADCAST_BYTES_PER_NODE = 64;

  private PairVerification() {}

  /**
   * @param candidates the distinct candidate pairs checked
   * @param verified the distinct edges with Jaccard similarity at least the threshold
   */
  public record Verified(long candidates, Dataset<Row> verified) {}

  /**
   * @param edges {@code (src, dst)} candidate pairs, nodes of any type {@code texts}' {@code id} has
   * @param texts {@code (id, text)} of at least every node of {@code edges}
   * @param reliableCheckpoints materialize the pairs with a reliable checkpoint (see {@link Lineage})
   * @return the distinct edges with Jaccard similarity at least {@code threshold}, and how many
   *     distinct pairs were checked (counted where they are materialized)
   */
  public static Verified verify(Dataset<Row> edges, Dataset<Row> texts, MinHashSettings minhash, double threshold,
      boolean reliableCheckpoints) {
    Dataset<Row> pairs = Lineage.cut(edges.select("src", "dst").distinct(), reliableCheckpoints);
    long candidates = pairs.count();
    boolean broadcastNodes = nodesFitBroadcast(candidates, pairs.sparkSession());
    return new Verified(candidates, similar(pairs, texts, minhash, threshold, broadcastNodes));
  }

  /** Whether the nodes of {@code pairs} distinct pairs (at most two each) fit Spark's broadcast budget. */
  static boolean nodesFitBroadcast(long pairs, SparkSession spark) {
    long budget = spark.sessionState().conf().autoBroadcastJoinThreshold(); // -1 turns broadcasts off
    return budget > 0 && pairs <= budget / (2 * BROADCAST_BYTES_PER_NODE);
  }

  /** The materialized distinct {@code pairs} with Jaccard similarity at least {@code threshold}. */
  private static Dataset<Row> similar(Dataset<Row> pairs, Dataset<Row> texts, MinHashSettings minhash,
      double threshold, boolean broadcastNodes) {
    Dataset<Row> ends = pairs.select(col("src"), col("dst"), explode(array(col("src"), col("dst"))).as("node"));
    Dataset<Row> nodes = ends.select("node").distinct();
    // Named, so plans and the GPU-eligibility check's allowlist can tell them apart.
    UserDefinedFunction shingles = udf(new ShingleSet(minhash), DataTypes.BinaryType).withName(SHINGLE_SET);
    Dataset<Row> sets = texts.select("id", "text").join(broadcastNodes ? broadcast(nodes) : nodes,
            col("id").equalTo(col("node")))
        .select(col("id"), shingles.apply(col("text")).as("shingles"));
    // The pairs' rows on the left: a sort-merge join streams its left side and buffers the right
    // side's rows of the current key, here the one set of a node.
    UserDefinedFunction jaccard = udf(new Jaccard(), DataTypes.DoubleType).withName(JACCARD);
    return ends.join(sets, col("node").equalTo(col("id")))
        .groupBy("src", "dst")
        .agg(max(when(col("node").equalTo(col("src")), col("shingles"))).as("a"),
            max(when(col("node").equalTo(col("dst")), col("shingles"))).as("b"))
        .filter(jaccard.apply(col("a"), col("b")).geq(threshold)) // null (dropped) when a set is missing
        .select("src", "dst");
  }

  /** Text → its sorted distinct shingle hashes, as little-endian longs. */
  private static final class ShingleSet implements UDF1<String, byte[]> {
    private static final long serialVersionUID = 1L;
    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final long seed;
    private transient MinHasher hasher;

    ShingleSet(MinHashSettings s) {
      shingleWords = s.shingleWords();
      bands = s.bands();
      rows = s.rows();
      seed = s.seed();
    }

    @Override
    public byte[] call(String text) {
      if (hasher == null) {
        hasher = new MinHasher(new MinHashSettings(shingleWords, bands, rows, seed));
      }
      long[] set = hasher.shingleSet(text);
      ByteBuffer out = ByteBuffer.allocate(set.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      out.asLongBuffer().put(set);
      return out.array();
    }
  }

  private static final class Jaccard implements UDF2<byte[], byte[], Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(byte[] x, byte[] y) {
      if (x == null || y == null) {
        return null;
      }
      return MinHasher.jaccard(longs(x), longs(y));
    }

    private static long[] longs(byte[] bytes) {
      long[] out = new long[bytes.length / Long.BYTES];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
      return out;
    }
  }
}
