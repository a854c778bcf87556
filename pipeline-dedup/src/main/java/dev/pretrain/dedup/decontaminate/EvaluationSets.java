package dev.pretrain.dedup.decontaminate;

import static org.apache.spark.sql.functions.col;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.decontaminate.DecontaminateSettings.EvaluationSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Opens the evaluation sets: each file read (JSON Lines or Parquet, by its extension) and its
 * fields checked, every problem reported at once as a {@link ConfigError} naming the set's key.
 */
final class EvaluationSets {
  private EvaluationSets() {}

  /**
   * A set ready to be turned into n-grams.
   *
   * @param items one row per item, one column per field (in the order of {@code fields})
   * @param arrays which of those columns hold lists of strings (the others hold strings)
   */
  record Opened(EvaluationSet set, Dataset<Row> items, boolean[] arrays) {}

  /** In the driver at the job's start: every set can be read and has its fields. */
  static void check(DecontaminateSettings settings, SparkSession spark) {
    if (settings.enabled()) {
      open(settings, spark);
    }
  }

  static List<Opened> open(DecontaminateSettings settings, SparkSession spark) {
    List<String> problems = new ArrayList<>();
    List<Opened> opened = new ArrayList<>();
    for (int i = 0; i < settings.sets().size(); i++) {
      EvaluationSet set = settings.sets().get(i);
      String key = "'" + DecontaminateSettings.PATH + "sets[" + i + "].";
      Dataset<Row> table;
      try {
        Path path = new Path(set.path());
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
          problems.add(key + "path' of set " + set.name() + ": " + set.path() + " does not exist");
          continue;
        }
        table = set.parquet() ? spark.read().parquet(set.path()) : spark.read().json(set.path());
      } catch (IOException | RuntimeException e) {
        problems.add(key + "path' of set " + set.name() + ": " + set.path() + " cannot be read: " + e.getMessage());
        continue;
      }
      if (Arrays.asList(table.columns()).contains("_corrupt_record")) {
        problems.add(key + "path' of set " + set.name() + ": " + set.path()
            + " has lines that are not JSON objects (a JSON Lines file holds one object per line)");
        continue;
      }
      List<Column> columns = new ArrayList<>();
      boolean[] arrays = new boolean[set.fields().size()];
      for (int f = 0; f < set.fields().size(); f++) {
        String field = set.fields().get(f);
        DataType type;
        try {
          type = table.select(col(field)).schema().fields()[0].dataType();
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared for a missing column
          problems.add(key + "fields' names " + field + ", which set " + set.name() + " (" + set.path()
              + ") does not have; its columns: " + String.join(", ", table.columns()));
          continue;
        }
        if (type instanceof ArrayType array && array.elementType().equals(DataTypes.StringType)) {
          arrays[f] = true;
        } else if (!type.equals(DataTypes.StringType)) {
          problems.add(key + "fields' names " + field + " of set " + set.name() + ", which holds " + type.simpleString()
              + "; a field must hold text: a string or a list of strings");
          continue;
        }
        columns.add(col(field).as("f" + f));
      }
      if (columns.size() == set.fields().size()) {
        opened.add(new Opened(set, table.select(columns.toArray(new Column[0])), arrays));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
    return opened;
  }
}
