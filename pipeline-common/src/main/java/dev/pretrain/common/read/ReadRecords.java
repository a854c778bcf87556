package dev.pretrain.common.read;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reader's output: one row per input record, either a document ({@code reject_reason} null)
 * or a rejected record with its reason, rule and value (see {@link ReadReject}), its detail in
 * {@code meta} and (the start of) its raw text, so nothing is lost.
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
      .add("reject_value", DataTypes.DoubleType);

  static Row document(String id, String text, String source, String url, Map<String, String> meta,
      String file, long offset, int invalidUtf8) {
    // Rows built outside Spark need a Scala map for a MapType column.
    return RowFactory.create(id, text, source, url, scala.collection.JavaConverters.mapAsScalaMapConverter(meta).asScala(),
        file, offset, invalidUtf8, null, null, null, null);
  }

  static Row rejected(String file, long offset, ReadReject reject, String raw) {
    String kept = raw == null || raw.length() <= RAW_KEPT_CHARS ? raw : raw.substring(0, RAW_KEPT_CHARS);
    Object meta = reject.detail() == null ? null
        : scala.collection.JavaConverters.mapAsScalaMapConverter(Map.of(ReadReject.ERROR_KEY, reject.detail())).asScala();
    return RowFactory.create(null, null, null, null, meta, file, offset, 0, reject.reason(), kept, reject.rule(),
        reject.value());
  }
}
