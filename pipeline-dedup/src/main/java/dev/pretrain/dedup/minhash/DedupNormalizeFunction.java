package dev.pretrain.dedup.minhash;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@link DedupNormalizer} as a Spark SQL function ({@code dedup_normalize}), for
 * {@link SqlMinHash}. It stays Java, and so on CPU under the RAPIDS Accelerator: the rules
 * (every Unicode punctuation category, accents dropped after NFD decomposition, Unicode digits
 * folded) have no exact SQL equivalent that cuDF runs, and exact-dedup keys are computed from the
 * same normalization in the JVM, so both dedup steps must see the same text.
 */
public final class DedupNormalizeFunction implements UDF1<String, String> {
  private static final long serialVersionUID = 1L;

  public static final String NAME = "dedup_normalize";

  /** One normalizer per task thread: it reuses a buffer and is not thread-safe. */
  private static final ThreadLocal<DedupNormalizer> NORMALIZER = ThreadLocal.withInitial(DedupNormalizer::new);

  private static final UserDefinedFunction UDF =
      functions.udf(new DedupNormalizeFunction(), DataTypes.StringType).withName(NAME);

  /** The normalized text of {@code text}; null stays null. */
  public static Column column(Column text) {
    return UDF.apply(text);
  }

  @Override
  public String call(String text) {
    if (text == null) {
      return null;
    }
    DedupNormalizer normalizer = NORMALIZER.get();
    int len = normalizer.normalize(text);
    return new String(normalizer.buffer(), 0, len);
  }
}
