package dev.pretrain.tokenize.bench;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.job.TrainTokenizerJob;
import dev.pretrain.tokenize.job.TrainTokenizerReport;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The train-tokenizer job in {@code local[2]} on a documents Parquet directory (for instance the
 * one {@link TokenizeJobBench} writes): time, words, merges, held-out bytes per token, and the
 * JVM's peak heap (driver and executors share the JVM in local mode, so this bounds the driver's).
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -cp ... dev.pretrain.tokenize.bench.TrainTokenizerJobBench DOCUMENTS_DIR OUT_JSON [VOCAB=32000]
 * </pre>
 */
public final class TrainTokenizerJobBench {
  private TrainTokenizerJobBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TrainTokenizerJobBench DOCUMENTS_DIR OUT_JSON [VOCAB=32000]");
      System.exit(2);
    }
    String vocab = args.length > 2 ? args[2] : "32000";
    SparkSession spark = SparkSession.builder().master("local[2]").appName("TrainTokenizerJobBench")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      SettingsReader r = ConfigLayers.load(Optional.empty(), List.of("train-tokenizer.vocab-size=" + vocab),
          TrainTokenizerSettings.SCHEMA).reader();
      TrainTokenizerSettings settings = TrainTokenizerSettings.read(r);
      r.finish();
      TrainTokenizerReport report = TrainTokenizerJob.run(spark, settings, args[0], args[1]);
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println(report);
      System.out.printf("vocab %s: %.1f s, %d distinct words (%d kept), %d merges, %.3f bytes/token held out, "
          + "peak heap %d MB%n", vocab, report.seconds(), report.distinctWords(), report.wordsKept(), report.merges(),
          report.heldOutBytesPerToken(), peak >> 20);
    } finally {
      spark.stop();
    }
  }
}
