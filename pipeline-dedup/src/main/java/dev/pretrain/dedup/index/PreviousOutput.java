package dev.pretrain.dedup.index;

import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.dedup.minhash.MinHashSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A finished earlier curate output that a run deduplicates against ({@code --against}): its
 * {@code dedup/index/} (keys of every document it kept, and of those its own previous outputs
 * kept) and, for verification only, its {@code documents/}. Opening checks that the output is
 * complete and that its keys were computed the way this run computes them.
 *
 * @param index {@code (id, exact_key, band_keys)}
 * @param documents {@code (id, text)} of the previous run's kept documents
 */
public record PreviousOutput(String path, Dataset<Row> index, Dataset<Row> documents) {

  public static PreviousOutput open(SparkSession spark, String path, MinHashSettings minhash) throws IOException {
    var hadoop = spark.sparkContext().hadoopConfiguration();
    if (!AtomicOutput.isComplete(path, hadoop)) {
      throw new IllegalArgumentException("--against " + path + " is not a finished curate output (no "
          + AtomicOutput.SUCCESS + "); give the output directory of a curate run that completed");
    }
    Path meta = new Path(path, "dedup/index.json");
    FileSystem fs = meta.getFileSystem(hadoop);
    if (!fs.exists(meta)) {
      throw new IllegalArgumentException("--against " + path + " has no dedup/index.json: it was written by an"
          + " older version without an incremental index; curate that corpus again to build one");
    }
    String json;
    try (InputStream in = fs.open(meta)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    IndexMetadata previous = IndexMetadata.parse(json, meta.toString());
    String differences = previous.differences(IndexMetadata.of(minhash));
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("--against " + path + ": its dedup index was built with other settings ("
          + differences + "); its keys cannot match this run's. Use the same curate.minhash settings as that run.");
    }
    return new PreviousOutput(path,
        spark.read().parquet(new Path(path, "dedup/index").toString()).select("id", "exact_key", "band_keys"),
        spark.read().parquet(new Path(path, "documents").toString()).select("id", "text"));
  }
}
