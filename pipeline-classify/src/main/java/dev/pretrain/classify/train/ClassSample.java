package dev.pretrain.classify.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.xxhash64;

import dev.pretrain.common.read.BadRecordGate;
import dev.pretrain.common.read.DocumentReader;
import dev.pretrain.common.read.InputNotFound;
import dev.pretrain.common.read.ReadSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One class's documents, drawn by Spark and collected to the driver: the documents the reader
 * accepts (any format curate reads; a curate output's {@code documents/} too), less web pages still
 * in HTML (WARC responses: curate extracts their text first), each keyed by
 * {@code xxhash64(seed, text)}; the {@code max} smallest keys are the sample. The key depends on
 * the text alone, so the sample does not depend on how Spark splits the input, and the same seed
 * draws the same documents.
 *
 * <p>Two passes: the first finds the sample's keys and sizes (Spark's top-k, no text moved), so a
 * sample over the driver's byte budget is refused before any text is collected; the second
 * collects the texts whose key is at most the largest sampled key.
 */
final class ClassSample {
  private ClassSample() {}

  /** The keys and UTF-8 sizes of one class's sample, found by the first pass; nothing collected yet. */
  record Plan(String option, List<String> inputs, Dataset<Row> keyed, int documents, long bytes, long maxKey) {}

  /**
   * The first pass.
   *
   * @param option the command-line option that named the inputs, for messages
   * @throws InputNotFound when the inputs hold no document
   */
  static Plan plan(SparkSession spark, String option, List<String> inputs, ReadSettings read, int max, long seed)
      throws IOException {
    DocumentReader.Result result = DocumentReader.read(spark, inputs, read);
    Dataset<Row> records = result.records();
    BadRecordGate.check(records, read);
    Dataset<Row> keyed = records
        .filter(col("reject_reason").isNull().and(col("html").equalTo(false)))
        .select(xxhash64(lit(seed), col("text")).as("key"), col("text"));
    List<Row> top = keyed.select(col("key"), octet_length(col("text")).as("bytes"))
        .orderBy(col("key"))
        .limit(max)
        .collectAsList();
    if (top.isEmpty()) {
      throw new InputNotFound(option + " " + String.join(" ", inputs) + " holds no document to train on (every record"
          + " was rejected by the reader, or is a web page still in HTML: run curate on WARC input first and point"
          + " " + option + " at its documents/)");
    }
    long bytes = 0;
    for (Row row : top) {
      bytes += row.getInt(1);
    }
    return new Plan(option, inputs, keyed, top.size(), bytes, top.get(top.size() - 1).getLong(0));
  }

  /** The second pass: the sample's texts, in key order (then text order), exactly {@code plan.documents()}. */
  static List<String> collect(Plan plan) {
    List<Row> rows = new ArrayList<>(plan.keyed().filter(col("key").leq(plan.maxKey())).collectAsList());
    rows.sort(Comparator.<Row>comparingLong(r -> r.getLong(0)).thenComparing(r -> r.getString(1)));
    List<String> texts = new ArrayList<>(plan.documents());
    for (int i = 0; i < plan.documents(); i++) {
      texts.add(rows.get(i).getString(1));
    }
    return texts;
  }
}
