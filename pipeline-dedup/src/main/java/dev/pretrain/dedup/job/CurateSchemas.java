package dev.pretrain.dedup.job;

import dev.pretrain.common.read.ReadRecords;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The curate job's intermediate and output tables besides the document contract. */
final class CurateSchemas {
  private CurateSchemas() {}

  /**
   * A read document after cleaning and filtering: the original fields, the original text (only
   * when rejected), the cleaned text (only when kept), their sizes in UTF-8 bytes (the report's
   * bytes in and out), the language found ({@code lang}, null when the language filter is off or
   * was not reached), either a rejection ({@code stage}, {@code reason}, {@code rule},
   * {@code value}) or its dedup keys, and what the filters measured ({@code measures}, at the
   * positions of {@link CurateSteps#measures}, NaN where a filter did not reach a value).
   */
  static final StructType PROCESSED = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("original_text", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, true)
      .add("in_bytes", DataTypes.LongType, false)
      .add("text_bytes", DataTypes.LongType, true)
      .add("source", DataTypes.StringType, true)
      .add("url", DataTypes.StringType, true)
      .add("lang", DataTypes.StringType, true)
      .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
      .add("file", DataTypes.StringType, false)
      .add("offset", DataTypes.LongType, false)
      .add("stage", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("rule", DataTypes.StringType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("clean_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), false)
      .add("exact_key", DataTypes.StringType, true)
      .add("band_keys", DataTypes.createArrayType(DataTypes.LongType, false), true)
      .add("measures", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /** {@link #PROCESSED} with one score column per classifier, after the others (null where none scored). */
  static StructType processed(List<String> scoreColumns) {
    StructType schema = PROCESSED;
    for (String column : scoreColumns) {
      schema = schema.add(column, DataTypes.DoubleType, true);
    }
    return schema;
  }

  /** The column of {@link #passing} that carries a reader's row that is no document. */
  static final String READ = "read";

  /**
   * What the one pass over the reader's rows makes ({@link PerDocument}): {@link #processed}
   * rows for the documents, with {@link #READ} null, and for every other row of the reader (a
   * rejected record, a file's counts row) that row as it came in {@link #READ}, its other columns
   * placeholders no reader of the documents sees (they are filtered by {@link #READ}).
   */
  static StructType passing(List<String> scoreColumns) {
    return processed(scoreColumns).add(READ, ReadRecords.SCHEMA, true);
  }

  /**
   * {@code rejected/}: the original record, where it was, and why it was dropped: a stable
   * {@code reason} (a label to group by), the {@code rule} or setting that decided and the
   * {@code value} measured against it (both null where nothing was measured). Read rejects carry
   * the parser's or decoder's message in {@code meta["error"]}.
   */
  static final StructType REJECTED = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, true)
      .add("source", DataTypes.StringType, true)
      .add("url", DataTypes.StringType, true)
      .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
      .add("file", DataTypes.StringType, false)
      .add("offset", DataTypes.LongType, false)
      .add("stage", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, false)
      .add("rule", DataTypes.StringType, true)
      .add("value", DataTypes.DoubleType, true);
}
