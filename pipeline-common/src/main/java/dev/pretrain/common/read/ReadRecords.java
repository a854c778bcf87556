package dev.pretrain.common.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reader's output: one row per input record, either a document ({@code reject_reason} null)
 * or a rejected record with its reason, rule and value (see {@link ReadReject}), its detail in
 * {@code meta} and (the start of) its raw text, so nothing is lost. A document's {@code html}
 * says its text is HTML markup for the curate job's extractor (a WARC response, the
 * {@code read.fields.html} field).
 *
 * <p>Besides records, a file may end with one counts row ({@code read_counts} set, every record
 * column null): what its reader counted that is no record, such as WARC records that hold no page
 * (requests, metadata, non-HTML responses) and how each page's charset was decided. Those are
 * not documents and not rejects; {@link #records} leaves them out and {@link #counts} sums them.
 */
public final class ReadRecords {
  private ReadRecords() {}

  /** How much of a rejected record's raw text is kept for inspection. */
  static final int RAW_KEPT_CHARS = 4096;

  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType)
      .add("text", DataTypes.StringType)
      .add("source", DataTypes.StringType)
      .add("url", DataTypes.StringType)
      .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("file", DataTypes.StringType, false)
      .add("offset", DataTypes.LongType, false)
      .add("invalid_utf8", DataTypes.IntegerType, false)
      .add("reject_reason", DataTypes.StringType)
      .add("raw", DataTypes.StringType)
      .add("reject_rule", DataTypes.StringType)
      .add("reject_value", DataTypes.DoubleType)
      .add("html", DataTypes.BooleanType, false)
      .add("read_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

  /** The documents and rejected records among the reader's rows: all but the counts rows. */
  public static Dataset<Row> records(Dataset<Row> rows) {
    return rows.filter(col("read_counts").isNull());
  }

  /** The counts rows' entries summed over all files, by name. */
  public static Map<String, Long> counts(Dataset<Row> rows) {
    Map<String, Long> sums = new TreeMap<>();
    for (Row row : rows.filter(col("read_counts").isNotNull())
        .select(explode(col("read_counts")).as(new String[] {"k", "v"}))
        .groupBy("k").agg(sum("v")).collectAsList()) {
      sums.put(row.getString(0), row.getLong(1));
    }
    return sums;
  }

  static Row document(String id, String text, String source, String url, Map<String, String> meta,
      String file, long offset, int invalidUtf8) {
    return document(id, text, false, source, url, meta, file, offset, invalidUtf8);
  }

  /** @param html whether the text is HTML markup */
  static Row document(String id, String text, boolean html, String source, String url, Map<String, String> meta,
      String file, long offset, int invalidUtf8) {
    return RowFactory.create(id, text, source, url, scalaMap(meta), file, offset, invalidUtf8, null, null, null, null,
        html, null);
  }

  /** A file's counts row (see the class comment), at the file's end offset. */
  static Row counts(String file, long offset, Map<String, Long> counts) {
    return RowFactory.create(null, null, null, null, null, file, offset, 0, null, null, null, null, false,
        scalaMap(counts));
  }

  // Rows built outside Spark need a Scala map for a MapType column.
  private static <V> Object scalaMap(Map<String, V> map) {
    return scala.collection.JavaConverters.mapAsScalaMapConverter(map).asScala();
  }

  static Row rejected(String file, long offset, ReadReject reject, String raw) {
    String kept = raw == null || raw.length() <= RAW_KEPT_CHARS ? raw : raw.substring(0, RAW_KEPT_CHARS);
    Object meta = reject.detail() == null ? null : scalaMap(Map.of(ReadReject.ERROR_KEY, reject.detail()));
    return RowFactory.create(null, null, null, null, meta, file, offset, 0, reject.reason(), kept, reject.rule(),
        reject.value(), false, null);
  }
}
