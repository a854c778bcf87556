package dev.pretrain.dedup.lsh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHasher;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Drops LSH candidate edges whose documents are less similar than a threshold by exact Jaccard
 * similarity of their shingle sets (the same shingles as {@link MinHasher}), removing the false
 * positives of banding. Each document in an edge is shingled once, where its text already is, and
 * only its sorted shingle hashes (8 bytes per distinct shingle) travel to the edges.
 *
 * <p>Edges are stars (member → bucket minimum, see {@link BandBuckets}), so a pair is checked
 * only as such an edge: a member similar to another member but not to the bucket's minimum loses
 * that link unless another band provides it.
 */
public final class PairVerification {
  private PairVerification() {}

  /**
   * @param edges {@code (src, dst)} candidate pairs
   * @param texts {@code (id, text)} of at least every node of {@code edges}
   * @return the edges with Jaccard similarity at least {@code threshold}
   */
  public static Dataset<Row> verify(Dataset<Row> edges, Dataset<Row> texts, MinHashSettings minhash, double threshold) {
    Dataset<Row> pairs = edges.select("src", "dst").distinct();
    Dataset<Row> nodes = pairs.select(col("src").as("id")).union(pairs.select(col("dst").as("id"))).distinct();
    UserDefinedFunction shingles = udf(new ShingleSet(minhash), DataTypes.BinaryType);
    Dataset<Row> sets = texts.join(nodes, texts.col("id").equalTo(nodes.col("id")), "left_semi")
        .select(col("id"), shingles.apply(col("text")).as("shingles"));
    UserDefinedFunction jaccard = udf(new Jaccard(), DataTypes.DoubleType);
    Dataset<Row> a = sets.select(col("id").as("a_id"), col("shingles").as("a"));
    Dataset<Row> b = sets.select(col("id").as("b_id"), col("shingles").as("b"));
    return pairs.join(a, col("src").equalTo(col("a_id"))).join(b, col("dst").equalTo(col("b_id")))
        .filter(jaccard.apply(col("a"), col("b")).geq(threshold))
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
      return MinHasher.jaccard(longs(x), longs(y));
    }

    private static long[] longs(byte[] bytes) {
      long[] out = new long[bytes.length / Long.BYTES];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
      return out;
    }
  }
}
