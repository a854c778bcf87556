package dev.pretrain.common.document;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The curated document, the contract between curate (which writes {@code documents/}) and
 * train-tokenizer and tokenize (which read it). Defined here once, as code.
 */
public final class DocumentSchema {
  private DocumentSchema() {}

  /**
   * {@code id}: stable (given, or a hash of source path and record offset); {@code text}: the
   * cleaned text; {@code source}: where it came from; {@code url}, {@code lang}: when known;
   * {@code meta}: carried-through metadata; {@code dup_cluster_size}: how many near-duplicates
   * the kept document stood for (1 when it had none).
   */
  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("text", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false)
      .add("url", DataTypes.StringType, true)
      .add("lang", DataTypes.StringType, true)
      .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
      .add("dup_cluster_size", DataTypes.IntegerType, false);

  /**
   * Checks that a table read from disk has the columns a reader of documents needs, with the
   * right types, and says exactly which are missing or wrong.
   *
   * @param where the directory, for the message
   * @param needed the column names the caller reads
   */
  public static void require(StructType actual, String where, String... needed) {
    List<String> problems = new ArrayList<>();
    for (String name : needed) {
      DataType expected = SCHEMA.apply(name).dataType();
      StructField found = find(actual, name);
      if (found == null) {
        problems.add("missing column '" + name + "' (" + expected.simpleString() + ")");
      } else if (!found.dataType().sameType(expected)) {
        problems.add("column '" + name + "' is " + found.dataType().simpleString() + ", expected " + expected.simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(where + " is not a curated documents table: " + String.join("; ", problems)
          + ". Its columns: " + actual.simpleString());
    }
  }

  private static StructField find(StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }
}
