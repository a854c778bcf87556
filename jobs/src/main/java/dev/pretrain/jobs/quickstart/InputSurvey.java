package dev.pretrain.jobs.quickstart;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Counts what a JSONL input holds, per {@code source}: records, text bytes, and lines that are
 * not valid JSON objects. It is the quickstart's first step, so the summary can say what went in.
 *
 * @param records JSON objects read
 * @param malformed lines Spark could not parse as a JSON object
 * @param textBytes UTF-8 bytes of the {@code text} fields
 * @param recordsBySource records per {@code source} value, largest first
 */
public record InputSurvey(long records, long malformed, long textBytes, Map<String, Long> recordsBySource) {
  private static final String CORRUPT = "_corrupt_record";

  static final StructType SAMPLE_SCHEMA = new StructType()
      .add("id", DataTypes.StringType)
      .add("text", DataTypes.StringType)
      .add("source", DataTypes.StringType)
      .add("url", DataTypes.StringType)
      .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add(CORRUPT, DataTypes.StringType);

  /** Surveys every {@code *.jsonl} and {@code *.jsonl.gz} file under {@code inputDir}. */
  public static InputSurvey of(SparkSession spark, String inputDir) {
    Dataset<Row> rows = spark.read()
        .schema(SAMPLE_SCHEMA)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("pathGlobFilter", "*.{jsonl,jsonl.gz}")
        .option("recursiveFileLookup", "true")
        .json(inputDir);
    List<Row> perSource = rows
        .groupBy(coalesce(col("source"), lit("(none)")).as("source"), col(CORRUPT).isNotNull().as("bad"))
        .agg(count(lit(1)).as("n"), coalesce(sum(octet_length(col("text"))), lit(0L)).as("bytes"))
        .collectAsList();
    long records = 0;
    long malformed = 0;
    long bytes = 0;
    Map<String, Long> bySource = new java.util.TreeMap<>();
    for (Row row : perSource) {
      long n = row.getLong(2);
      if (row.getBoolean(1)) {
        malformed += n;
      } else {
        records += n;
        bytes += row.getLong(3);
        bySource.merge(row.getString(0), n, Long::sum);
      }
    }
    Map<String, Long> largestFirst = new LinkedHashMap<>();
    bySource.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
    return new InputSurvey(records, malformed, bytes, largestFirst);
  }
}
