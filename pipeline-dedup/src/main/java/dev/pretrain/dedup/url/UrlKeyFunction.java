package dev.pretrain.dedup.url;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@link UrlNormalizer}'s key as a Spark SQL function ({@code url_key}), for URL dedup. Java, so
 * on CPU under the RAPIDS Accelerator: the parsing rules (IDN hosts, per-scheme default ports, the
 * tracking list) have no SQL equivalent worth keeping in step with this class.
 */
public final class UrlKeyFunction implements UDF1<String, String> {
  private static final long serialVersionUID = 1L;

  public static final String NAME = "url_key";

  private static final UserDefinedFunction UDF = functions.udf(new UrlKeyFunction(), DataTypes.StringType).withName(NAME);

  /** The normalized URL of {@code url}; null for null or a URL without a host. */
  public static Column column(Column url) {
    return UDF.apply(url);
  }

  @Override
  public String call(String url) {
    return UrlNormalizer.normalize(url).map(UrlNormalizer.Normalized::key).orElse(null);
  }
}
