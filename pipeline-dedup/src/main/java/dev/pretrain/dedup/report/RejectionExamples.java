package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * For the rules that rejected the most documents, a few of their documents' openings: the three
 * smallest ids of each, so two runs show the same. A window ranked per reason and cut at three,
 * which Spark limits in each partition before the shuffle (its window group limit), so no reason's
 * documents are gathered in one task.
 */
public final class RejectionExamples {
  /** Reasons shown. */
  public static final int REASONS = 10;
  /** Documents shown per reason. */
  public static final int EXAMPLES = 3;
  /** Chars of each document's opening. */
  public static final int SNIPPET_CHARS = 300;

  private RejectionExamples() {}

  /**
   * @param rejected rows of {@code rejected/}: {@code id}, {@code text}, {@code stage}, {@code reason}
   * @param counts the rejected documents per stage and reason
   */
  public static List<Map<String, Object>> of(Dataset<Row> rejected, List<RejectedCounts> counts) {
    List<RejectedCounts> top = counts.stream()
        .sorted(Comparator.comparingLong(RejectedCounts::documents).reversed()
            .thenComparing(RejectedCounts::stage).thenComparing(RejectedCounts::reason))
        .limit(REASONS).toList();
    if (top.isEmpty()) {
      return List.of();
    }
    Column chosen = lit(false);
    for (RejectedCounts c : top) {
      chosen = chosen.or(col("stage").equalTo(c.stage()).and(col("reason").equalTo(c.reason())));
    }
    Map<String, List<Map<String, Object>>> examples = new LinkedHashMap<>();
    for (Row r : rejected.filter(chosen)
        .select(col("stage"), col("reason"), col("id"), coalesce(substring(col("text"), 1, SNIPPET_CHARS), lit(""))
            .as("snippet"))
        .withColumn("rank", row_number().over(Window.partitionBy("stage", "reason").orderBy(col("id"))))
        .filter(col("rank").leq(EXAMPLES)).orderBy("stage", "reason", "rank").collectAsList()) {
      Map<String, Object> example = new LinkedHashMap<>();
      example.put("id", r.getString(2));
      example.put("snippet", r.getString(3));
      examples.computeIfAbsent(r.getString(0) + "\u0000" + r.getString(1), k -> new ArrayList<>()).add(example);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (RejectedCounts c : top) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("stage", c.stage());
      entry.put("reason", c.reason());
      entry.put("count", c.documents());
      entry.put("examples", examples.getOrDefault(c.stage() + "\u0000" + c.reason(), List.of()));
      out.add(entry);
    }
    return out;
  }
}
