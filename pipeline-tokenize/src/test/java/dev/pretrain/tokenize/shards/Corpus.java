package dev.pretrain.tokenize.shards;

import dev.pretrain.common.document.DocumentSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Small curated-document fixtures written as Parquet. */
public final class Corpus {
  private Corpus() {}

  private static final String[] WORDS = {
    "the", "tokenizer", "packs", "documents", "into", "rows", "of", "fixed", "length", "and", "shuffles",
    "them", "with", "a", "seed", "東京", "データ", "مرحبا", "🙂", "    ", "x = f(y) + 42;", "naïve", "café"};

  /** {@code n} documents of varied lengths, ids {@code doc-000}..; one injects special-token text. */
  public static List<String[]> documents(int n) {
    List<String[]> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      int words = 3 + (i * 7) % 40;
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : " ").append(WORDS[(i * 31 + w * 17) % WORDS.length]);
      }
      if (i == 5) {
        text.append(" <|endoftext|> is only text here");
      }
      docs.add(new String[] {String.format("doc-%03d", i), text.toString()});
    }
    return docs;
  }

  /** Writes documents (id, text) with the full curated schema into {@code dir}. */
  public static void write(SparkSession spark, List<String[]> docs, String dir) {
    List<Row> rows = new ArrayList<>();
    for (String[] d : docs) {
      rows.add(RowFactory.create(d[0], d[1], "fixture", null, "en", Map.of(), 1));
    }
    spark.createDataFrame(rows, DocumentSchema.SCHEMA).coalesce(2).write().mode(SaveMode.Overwrite).parquet(dir);
  }
}
