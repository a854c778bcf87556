package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Documents per language found: those that reached language identification and those kept. The
 * languages with the most documents are listed by name, the rest summed as one, so the rows add up
 * to every document identified (empty when language identification is off).
 */
public final class LanguageShares {
  /** Languages listed by name. */
  public static final int LANGUAGES = 50;
  public static final String OTHER = "(other)";

  private LanguageShares() {}

  /**
   * @param reached {@code lang} of every document language identification looked at
   * @param kept {@code lang} of every kept document
   */
  public static List<Map<String, Object>> of(Dataset<Row> reached, Dataset<Row> kept) {
    Map<String, long[]> counts = new TreeMap<>();
    for (Row r : reached.filter(col("lang").isNotNull()).groupBy("lang").agg(count(lit(1))).collectAsList()) {
      counts.computeIfAbsent(r.getString(0), k -> new long[2])[0] = r.getLong(1);
    }
    for (Row r : kept.filter(col("lang").isNotNull()).groupBy("lang").agg(count(lit(1))).collectAsList()) {
      counts.computeIfAbsent(r.getString(0), k -> new long[2])[1] = r.getLong(1);
    }
    List<Map.Entry<String, long[]>> byReached = new ArrayList<>(counts.entrySet());
    byReached.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    List<Map<String, Object>> out = new ArrayList<>();
    long[] other = new long[2];
    for (int i = 0; i < byReached.size(); i++) {
      long[] n = byReached.get(i).getValue();
      if (i < LANGUAGES) {
        out.add(row(byReached.get(i).getKey(), n));
      } else {
        other[0] += n[0];
        other[1] += n[1];
      }
    }
    if (byReached.size() > LANGUAGES) {
      out.add(row(OTHER, other));
    }
    return out;
  }

  private static Map<String, Object> row(String lang, long[] n) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("lang", lang);
    row.put("reached", n[0]);
    row.put("kept", n[1]);
    return row;
  }
}
