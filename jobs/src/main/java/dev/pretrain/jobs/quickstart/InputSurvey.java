package dev.pretrain.jobs.quickstart;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.common.read.DocumentReader;
import dev.pretrain.common.read.ReadSettings;
import java.io.IOException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Counts what an input holds, per {@code source}: documents, text bytes, and records the reader
 * rejects, read as the curate job reads them (every format: JSONL, Parquet, text, WARC, WET). It
 * is the quickstart's first step, so the summary can say what went in.
 *
 * @param records documents read
 * @param malformed records the reader rejects (bad JSON, invalid UTF-8, a broken file, ...)
 * @param textBytes UTF-8 bytes of the documents' text (a web page's HTML, before extraction)
 * @param recordsBySource documents per {@code source} value, largest first
 */
public record InputSurvey(long records, long malformed, long textBytes, Map<String, Long> recordsBySource) {
  /** Surveys the data files under {@code inputDir} with the curate job's read settings. */
  public static InputSurvey of(SparkSession spark, String inputDir, ReadSettings settings) throws IOException {
    Dataset<Row> rows = DocumentReader.read(spark, List.of(inputDir), settings).records();
    Column bad = col("reject_reason").isNotNull();
    List<Row> perSource = rows
        .groupBy(when(bad, lit(null)).otherwise(coalesce(col("source"), lit("(none)"))).as("source"), bad.as("bad"))
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
