package dev.pretrain.dedup.url;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A document's {@code meta["warc_date"]} as microseconds since the epoch (SQL function
 * {@code crawl_time}), so URL dedup compares instants, not strings: WARC 1.0 writes whole seconds
 * ({@code 2024-02-21T12:34:56Z}), WARC 1.1 allows fractions ({@code 2024-02-21T12:34:56.5Z}), and
 * other sources write offsets ({@code +01:00}), which sort wrongly as text. Anything else is
 * null: a document whose crawl time is unknown.
 */
public final class CrawlTime implements UDF1<String, Long> {
  private static final long serialVersionUID = 1L;

  public static final String NAME = "crawl_time";

  private static final UserDefinedFunction UDF = functions.udf(new CrawlTime(), DataTypes.LongType).withName(NAME);

  public static Column column(Column warcDate) {
    return UDF.apply(warcDate);
  }

  @Override
  public Long call(String warcDate) {
    return micros(warcDate);
  }

  /** Microseconds since the epoch of an ISO-8601 instant or offset date-time; null when it is neither. */
  public static Long micros(String warcDate) {
    if (warcDate == null || warcDate.isBlank()) {
      return null;
    }
    String s = warcDate.strip();
    Instant instant;
    try {
      instant = OffsetDateTime.parse(s).toInstant(); // also takes a Z
    } catch (DateTimeParseException e) {
      return null;
    }
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
