package dev.pretrain.common.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.common.error.JobStopped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stops a job whose input is mostly junk before it writes anything: a wrong field mapping or a
 * wrong format shows up here as "every record is bad", not as an empty corpus discovered later.
 */
public final class BadRecordGate {
  private BadRecordGate() {}

  /** Thrown when the share of bad records is over {@code read.max-bad-fraction}. */
  public static final class TooManyBadRecords extends JobStopped {
    private static final long serialVersionUID = 1L;

    TooManyBadRecords(String message) {
      super(message);
    }
  }

  /**
   * Counts over the reader's rows; cache them first, the gate reads them once more. This is the
   * first action on them, so it is where a file that stopped the read under
   * {@code read.on-corrupt-file = fail} surfaces: as that file's one-line {@link CorruptInputFile},
   * not as Spark's job failure wrapped around it.
   *
   * @return how many records there are (documents and rejects), so the caller needs no second count
   */
  public static long check(Dataset<Row> records, ReadSettings settings) {
    Row totals;
    try {
      totals = records.agg(count(lit(1)), sum(when(col("reject_reason").isNotNull(), 1).otherwise(0))).first();
    } catch (Exception e) { // Spark's SparkException, checked but undeclared, is rethrown as it came
      Optional<CorruptInputFile> corrupt = CorruptInputFile.causeOf(e);
      if (corrupt.isPresent()) {
        throw corrupt.get();
      }
      throw e;
    }
    long total = totals.getLong(0);
    long bad = totals.isNullAt(1) ? 0 : totals.getLong(1);
    if (total == 0) {
      throw new TooManyBadRecords("read: the inputs hold no records at all");
    }
    double share = (double) bad / total;
    if (share <= settings.maxBadFraction()) {
      return total;
    }
    Dataset<Row> rejected = records.filter(col("reject_reason").isNotNull());
    Row worst = records.groupBy("file")
        .agg(sum(when(col("reject_reason").isNotNull(), 1).otherwise(0)).as("bad"), count(lit(1)).as("n"))
        .orderBy(col("bad").desc(), col("file"))
        .first();
    List<Row> first = rejected.orderBy("file", "offset")
        .select(col("file"), col("offset"), col("reject_reason"), col("meta").getItem(ReadReject.ERROR_KEY))
        .limit(settings.badRecordsInMessage()).collectAsList();
    StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
        "read: %,d of %,d records (%.1f%%) are bad, over read.max-bad-fraction %s; nothing was written.%n"
            + "  most bad records in %s (%,d of %,d)%n  first bad records:",
        bad, total, 100 * share, settings.maxBadFraction(), worst.getString(0), worst.getLong(1), worst.getLong(2)));
    for (Row row : first) {
      message.append(String.format(Locale.ROOT, "%n    %s at byte/row %d: %s%s", row.getString(0), row.getLong(1),
          row.getString(2), row.isNullAt(3) ? "" : " (" + row.getString(3) + ")"));
    }
    message.append(String.format("%n  Check read.format and read.fields against the input, or raise read.max-bad-fraction."));
    throw new TooManyBadRecords(message.toString());
  }
}
