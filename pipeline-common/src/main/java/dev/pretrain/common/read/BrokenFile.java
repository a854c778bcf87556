package dev.pretrain.common.read;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An input file that is truncated or corrupt, for the run report.
 *
 * @param path the file
 * @param offset where reading broke: the uncompressed byte offset of the first record that could
 *     not be read completely (row 0 for a Parquet file: without its footer no row can be found)
 * @param error what the decoder said
 */
public record BrokenFile(String path, long offset, String error) implements Serializable {
  /** The broken files among the reader's rows (one {@code truncated-input} row each), in path order. */
  public static List<BrokenFile> in(Dataset<Row> records) {
    return records.filter(col("reject_reason").equalTo(ReadReject.TRUNCATED_INPUT))
        .select(col("file"), col("offset"), col("meta").getItem(ReadReject.ERROR_KEY))
        .orderBy("file").collectAsList().stream()
        .map(r -> new BrokenFile(r.getString(0), r.getLong(1), r.getString(2)))
        .toList();
  }
}
