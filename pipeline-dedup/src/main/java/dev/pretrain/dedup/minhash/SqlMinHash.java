package dev.pretrain.dedup.minhash;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.SplittableRandom;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * MinHash band keys made only of Spark SQL built-ins, so that the RAPIDS Accelerator can run the
 * shingling, hashing and banding on a GPU (cuDF's Java API has no MinHash, and a Java function
 * inside a plan always runs on CPU). Same inputs and output shape as {@link MinHasher}: word
 * shingles of {@link DedupNormalizer}-normalized text, {@code bands} keys as
 * {@code ARRAY<BIGINT>}, null when the text has fewer words than one shingle. The keys differ from
 * {@link MinHasher}'s (other hash functions), so the two must never be mixed in one index.
 *
 * <p>Steps, each a column so that Spark evaluates it once per row (a column used several times
 * by the next step is not inlined into it):
 * <ol>
 *   <li>normalized text: {@link DedupNormalizeFunction}, the one Java step (on CPU);
 *   <li>words: {@code split(text, ' ')}, the normalized text has single spaces only;
 *   <li>word hashes: {@code transform(words, w -> xxhash64(w))};
 *   <li>shingle hashes: {@code transform(sequence(0, n - k), i -> xxhash64(h[i], ..., h[i+k-1]))},
 *       order-sensitive because xxhash64 of several values chains each hash into the next seed;
 *   <li>signature: for permutation j, {@code array_min(transform(shingles, x -> xxhash64(s_j, x)))}
 *       where s_j is a literal drawn from the configured seed. xxhash64 of (s_j, x) is x hashed
 *       with the seed xxhash64(s_j): a family of independent hash functions (min-wise enough for
 *       MinHash) with no arithmetic overflow, so it also holds under ANSI mode;
 *   <li>band keys: band b is {@code xxhash64(b, sig[b*r], ..., sig[b*r+r-1])}.
 * </ol>
 */
public final class SqlMinHash {
  private static final String PREFIX = "_minhash_";

  private final MinHashSettings settings;
  private final long[] permutationSeeds;

  public SqlMinHash(MinHashSettings settings) {
    this.settings = settings;
    SplittableRandom random = new SplittableRandom(settings.seed());
    permutationSeeds = new long[settings.permutations()];
    for (int j = 0; j < permutationSeeds.length; j++) {
      permutationSeeds[j] = random.nextLong();
    }
  }

  public MinHashSettings settings() {
    return settings;
  }

  /**
   * {@code docs} with column {@code keysColumn} set to the band keys of {@code textColumn}
   * (replaced if it exists), every other column unchanged.
   */
  public Dataset<Row> withBandKeys(Dataset<Row> docs, String textColumn, String keysColumn) {
    return withSignature(docs, textColumn)
        .withColumn(keysColumn, when(OPTIMIZER_BARRIER.and(col(PREFIX + "signature").isNotNull()),
            bandKeys(col(PREFIX + "signature"))))
        .drop(PREFIX + "signature");
  }

  /**
   * Always true, but not deterministic in Spark's eyes, which keeps the optimizer from pushing a
   * filter on the band keys (BandBuckets' {@code isnotnull}, the {@code size(band_keys) > 0} that
   * Spark infers for {@code posexplode}) down through these columns: it would inline every
   * column into the filter, a tree with thousands of copies of the signature expression, which
   * took minutes to optimize and would compute MinHash again in the filter.
   * {@code spark_partition_id} is cheap and runs on a GPU.
   */
  private static final Column OPTIMIZER_BARRIER = spark_partition_id().geq(0);

  /**
   * {@code docs} with {@code _minhash_signature}: the {@code bands × rows} minima as
   * {@code ARRAY<BIGINT>}, or null for texts shorter than one shingle (for tests and estimates).
   */
  public Dataset<Row> withSignature(Dataset<Row> docs, String textColumn) {
    int k = settings.shingleWords();
    Column normalized = col(PREFIX + "text");
    Column wordHashes = col(PREFIX + "word_hashes");
    Column shingles = col(PREFIX + "shingles");
    Dataset<Row> staged = docs
        .withColumn(PREFIX + "text", DedupNormalizeFunction.column(col(textColumn)))
        .withColumn(PREFIX + "word_hashes", when(length(normalized).gt(0),
            transform(split(normalized, " "), word -> xxhash64(word))))
        .withColumn(PREFIX + "shingles", when(size(wordHashes).geq(k),
            transform(sequence(lit(0), size(wordHashes).minus(k)), i -> shingleHash(wordHashes, i, k))));
    Column[] minima = new Column[permutationSeeds.length];
    for (int j = 0; j < minima.length; j++) {
      long seed = permutationSeeds[j];
      minima[j] = array_min(transform(shingles, x -> xxhash64(lit(seed), x)));
    }
    return staged
        .withColumn(PREFIX + "signature", when(shingles.isNotNull(), array(minima)))
        .drop(PREFIX + "text", PREFIX + "word_hashes", PREFIX + "shingles");
  }

  private static Column shingleHash(Column wordHashes, Column start, int k) {
    Column[] words = new Column[k];
    for (int w = 0; w < k; w++) {
      words[w] = wordHashes.apply(start.plus(w)); // h[i + w]: GetArrayItem, 0-based
    }
    return xxhash64(words);
  }

  /** {@code bands} keys from a non-null signature. */
  private Column bandKeys(Column signature) {
    int rows = settings.rows();
    Column[] keys = new Column[settings.bands()];
    for (int band = 0; band < keys.length; band++) {
      Column[] parts = new Column[rows + 1];
      parts[0] = lit(band);
      for (int r = 0; r < rows; r++) {
        parts[r + 1] = signature.getItem(band * rows + r);
      }
      keys[band] = xxhash64(parts);
    }
    return array(keys);
  }
}
