package dev.pretrain.tokenize.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.document.CuratedDocuments;
import dev.pretrain.common.document.DocumentSchema;
import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.output.OutputFile;
import dev.pretrain.tokenize.shards.TokenizerSource;
import dev.pretrain.tokenize.train.BpeTrainer;
import dev.pretrain.tokenize.train.TokenizerJsonWriter;
import dev.pretrain.tokenize.train.TrainedBpe;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code pipeline train-tokenizer}: curated documents → a byte-level BPE {@code tokenizer.json}.
 * Executors pre-tokenize and count; Spark sums the counts, drops words below
 * {@code min-frequency} and keeps the {@code max-distinct-words} most frequent, so the table the
 * driver collects is bounded; the driver learns the merges and writes the file atomically. The
 * same input and settings give the same bytes: documents are chosen by hashes of their ids, the
 * cap breaks count ties by the word, and the trainer breaks merge ties by a fixed rule.
 */
public final class TrainTokenizerJob {
  private TrainTokenizerJob() {}

  /**
   * @param input a curate output, or its {@code documents/} directory
   * @param overwrite replace an existing tokenizer.json at {@code outputTokenizerJson} (never another kind of file)
   */
  public static TrainTokenizerReport run(SparkSession spark, TrainTokenizerSettings settings, String input,
      String outputTokenizerJson, boolean overwrite) throws IOException {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    InputOverlap.refuse(List.of(input), outputTokenizerJson, hadoop);
    Path tokenizerJson = new Path(outputTokenizerJson);
    FileSystem fs = tokenizerJson.getFileSystem(hadoop);
    TOKENIZER_JSON.claim(fs, tokenizerJson, overwrite);
    String documentsDir = CuratedDocuments.in(input, hadoop);
    Dataset<Row> docs = spark.read().parquet(documentsDir);
    DocumentSchema.require(docs.schema(), documentsDir, "id", "text");
    JavaRDD<Row> idText = docs.select("id", "text").javaRDD();

    JavaPairRDD<String, Long> counts = idText
        .mapPartitionsToPair(new CountPreTokens(settings.splitPattern(), settings.sampleFraction(),
            settings.heldOutFraction()))
        .reduceByKey(Long::sum)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> kept = new TreeMap<>();
    long distinct;
    try {
      distinct = counts.count();
      long minFrequency = settings.minFrequency();
      List<Tuple2<String, Long>> top = counts.filter(c -> c._2() >= minFrequency)
          .takeOrdered(settings.maxDistinctWords(), new MostFrequentFirst());
      top.forEach(t -> kept.put(t._1(), t._2()));
    } finally {
      counts.unpersist(false);
    }

    long counted = System.nanoTime();
    BpeTrainer trainer = new BpeTrainer(settings.trainerOptions());
    TrainedBpe bpe = trainer.train(kept);
    long merged = System.nanoTime();
    byte[] json = TokenizerJsonWriter.toBytes(bpe);
    OutputFile.write(fs, tokenizerJson, out -> out.write(json));
    long written = System.nanoTime();

    TokenizerSource trained = TokenizerSource.ofJson(json, new Path(outputTokenizerJson).getName());
    long[] sums = idText.mapPartitions(new MeasureHeldOut(trained, settings.sampleFraction(),
            settings.heldOutFraction()))
        .reduce((a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]});
    long finished = System.nanoTime();
    return new TrainTokenizerReport(
        (finished - started) / 1e9,
        sums[0],
        sums[1],
        sums[2],
        distinct,
        kept.size(),
        bpe.merges().size(),
        bpe.tokens().size(),
        sums[3],
        sums[4],
        sums[4] == 0 ? Double.NaN : (double) sums[3] / sums[4],
        trained.get().sha256(),
        new TrainTokenizerReport.Phases((counted - started) / 1e9, (merged - counted) / 1e9, (written - merged) / 1e9,
            (finished - written) / 1e9));
  }

  /**
   * An existing file is replaced only with {@code overwrite}, and only if it is a tokenizer.json (a JSON
   * object with a {@code model}): a mistyped path must not cost a user their data.
   */
  private static final OutputFile TOKENIZER_JSON = new OutputFile("train-tokenizer", "tokenizer.json",
      "a tokenizer.json (no \"model\" object)", TrainTokenizerJob::isTokenizerJson);

  private static boolean isTokenizerJson(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      JsonNode json = new ObjectMapper().readTree(in);
      return json != null && json.isObject() && json.path("model").isObject();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  /** Higher count first; equal counts by the word, so the cap keeps the same words on every run. */
  private static final class MostFrequentFirst implements Comparator<Tuple2<String, Long>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
      int byCount = Long.compare(b._2(), a._2());
      return byCount != 0 ? byCount : a._1().compareTo(b._1());
    }
  }
}
