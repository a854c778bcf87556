package dev.pretrain.common.read;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reader's output: one row per input record, either a document ({@code reject_reason} null)
 * or a rejected record with its reason and (the start of) its raw text, so nothing is lost.
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
      .add("raw", DataTypes.StringType);

  static Row document(String id, String text, String source, String url, Map<String, String> meta,
      String file, long offset, int invalidUtf8) {
    // Rows built outside Spark need a Scala map for a MapType column.
    return RowFactory.create(id, text, source, url, scala.collection.JavaConverters.mapAsScalaMapConverter(meta).asScala(),
        file, offset, invalidUtf8, null, null);
  }

  static Row rejected(String file, long offset, String reason, String raw) {
    String kept = raw == null || raw.length() <= RAW_KEPT_CHARS ? raw : raw.substring(0, RAW_KEPT_CHARS);
    return RowFactory.create(null, null, null, null, null, file, offset, 0, reason, kept);
  }
}
