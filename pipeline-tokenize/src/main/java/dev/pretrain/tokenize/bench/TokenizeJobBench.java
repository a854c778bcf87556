package dev.pretrain.tokenize.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeReport;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * End-to-end throughput of the tokenize job in {@code local[2]}: the sample corpus (JSONL with
 * {@code id}, {@code text}) is repeated, with distinct ids, until it holds at least {@code MB}
 * megabytes of text, written as documents Parquet, then tokenized {@code ROUNDS} times; prints
 * each round and the median in MB/s of UTF-8 text per core.
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -cp ... dev.pretrain.tokenize.bench.TokenizeJobBench 'CORPUS/*.jsonl.gz' WORK_DIR [MB=50] [ROUNDS=3] [TOKENIZER=tiktoken:r50k_base]
 * </pre>
 */
public final class TokenizeJobBench {
  private static final int CORES = 2;

  private TokenizeJobBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TokenizeJobBench CORPUS_GLOB WORK_DIR [MB=50] [ROUNDS=3] [TOKENIZER=tiktoken:r50k_base]");
      System.exit(2);
    }
    String corpus = args[0];
    String work = args[1];
    long targetMb = args.length > 2 ? Long.parseLong(args[2]) : 50;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String tokenizer = args.length > 4 ? args[4] : "tiktoken:r50k_base";

    SparkSession spark = SparkSession.builder().master("local[" + CORES + "]").appName("TokenizeJobBench")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      Dataset<Row> base = spark.read().json(corpus).select("id", "text").filter(col("text").isNotNull());
      long baseBytes = base.selectExpr("sum(octet_length(text))").first().getLong(0);
      int copies = (int) Math.max(1, (targetMb * 1_000_000L + baseBytes - 1) / baseBytes);
      String documents = work + "/documents";
      base.withColumn("copy", explode(sequence(lit(0), lit(copies - 1))))
          .select(concat(col("id"), lit("#"), col("copy").cast("string")).as("id"), col("text"))
          .repartition(8).write().mode(SaveMode.Overwrite).parquet(documents);
      System.out.printf("corpus: %.1f MB x %d copies%n", baseBytes / 1e6, copies);

      List<String> sets = List.of("tokenize.tokenizer=\"" + tokenizer + "\"", "tokenize.seq-len=1024",
          "tokenize.pack-partitions=16", "tokenize.rows-per-shard=4096", "tokenize.rows-per-row-group=512");
      SettingsReader reader = ConfigLayers.load(Optional.empty(), sets, TokenizeSettings.SCHEMA).reader();
      TokenizeSettings settings = TokenizeSettings.read(reader);
      reader.finish();

      List<Double> perCore = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        TokenizeReport report = TokenizeJob.run(spark, settings, documents, work + "/tokens", true);
        double mbPerCore = report.textBytes() / 1e6 / report.seconds() / CORES;
        perCore.add(mbPerCore);
        System.out.printf("round %d: %.1f MB text, %d documents, %d tokens, %d rows in %.1f s: %.2f MB/s per core%n",
            round, report.textBytes() / 1e6, report.documents(), report.tokens(), report.rows(), report.seconds(),
            mbPerCore);
      }
      double[] sorted = perCore.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("median: %.2f MB/s per core (%s, local[%d], %s)%n", sorted[sorted.length / 2],
          tokenizer, CORES, Arrays.toString(sorted));
    } finally {
      spark.stop();
    }
  }
}
