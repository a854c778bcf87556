package dev.pretrain.bench.tokenize;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeReport;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * End-to-end throughput of the tokenize job in {@code local[2]}: {@link SyntheticDocuments}
 * writes {@code MB} megabytes of documents built from the sample corpus into
 * {@code WORK_DIR/documents-<MB>mb} (kept for the next run), which the real job tokenizes
 * {@code ROUNDS} times into {@code WORK_DIR/tokens}; prints per round the MB/s of UTF-8 text per
 * core, end to end and per phase (each Spark job, by its description), and the medians.
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -cp ... dev.pretrain.bench.tokenize.TokenizeJobBench 'CORPUS/*.jsonl.gz' WORK_DIR [MB=500] [ROUNDS=3] [TOKENIZER=tiktoken:r50k_base] [KEY=VALUE ...]
 * </pre>
 *
 * Extra {@code tokenize.*} settings may follow as {@code key=value}.
 */
public final class TokenizeJobBench {
  private TokenizeJobBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TokenizeJobBench CORPUS_GLOB WORK_DIR [MB=500] [ROUNDS=3] [TOKENIZER=tiktoken:r50k_base] [KEY=VALUE ...]");
      System.exit(2);
    }
    String corpus = args[0];
    String work = args[1];
    long targetMb = args.length > 2 ? Long.parseLong(args[2]) : 500;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String tokenizer = args.length > 4 ? args[4] : "tiktoken:r50k_base";
    List<String> sets = new ArrayList<>(List.of("tokenize.tokenizer=\"" + tokenizer + "\"", "tokenize.seq-len=1024",
        "tokenize.pack-partitions=16", "tokenize.rows-per-shard=4096", "tokenize.rows-per-row-group=512"));
    sets.addAll(Arrays.asList(args).subList(Math.min(args.length, 5), args.length));

    SparkSession spark = BenchSpark.start("TokenizeJobBench");
    try {
      String documents = work + "/documents-" + targetMb + "mb";
      long docs = SyntheticDocuments.generate(spark, corpus, documents, targetMb, 1);
      System.out.printf("input: %s, %d documents%n", documents, docs);

      SettingsReader reader = ConfigLayers.load(Optional.empty(), sets, TokenizeSettings.SCHEMA).reader();
      TokenizeSettings settings = TokenizeSettings.read(reader);
      reader.finish();
      JobTimes times = JobTimes.attach(spark);

      List<Double> perCore = new ArrayList<>();
      List<Double> perCpuSecond = new ArrayList<>();
      Map<String, List<Double>> phases = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        times.drain();
        long cpuBefore = processCpuNanos();
        TokenizeReport report = TokenizeJob.run(spark, settings, documents, work + "/tokens", true);
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        double mb = report.textBytes() / 1e6;
        double mbPerCore = mb / report.seconds() / BenchSpark.CORES;
        perCore.add(mbPerCore);
        perCpuSecond.add(mb / cpuSeconds);
        System.out.printf("round %d: %.1f MB text, %d documents, %d tokens, %d rows in %.1f s: %.2f MB/s per core;"
            + " %.1f CPU s: %.2f MB per CPU second (load average %.1f)%n", round, mb, report.documents(),
            report.tokens(), report.rows(), report.seconds(), mbPerCore, cpuSeconds, mb / cpuSeconds,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double inJobs = 0;
        for (Map.Entry<String, Double> phase : times.drain().entrySet()) {
          inJobs += phase.getValue();
          print(phase.getKey(), phase.getValue(), mb);
          phases.computeIfAbsent(phase.getKey(), k -> new ArrayList<>()).add(phase.getValue());
        }
        print("(driver, between jobs)", report.seconds() - inJobs, mb);
      }
      System.out.printf("median: %.2f MB/s per core end to end (%s, local[%d], rounds %s)%n", median(perCore),
          tokenizer, BenchSpark.CORES, perCore);
      System.out.printf("median: %.2f MB per CPU second of the JVM (GC and JIT included; the figure that load from"
          + " other processes does not change much)%n", median(perCpuSecond));
      phases.forEach((phase, seconds) -> System.out.printf("  median %-60s %7.1f s%n", phase, median(seconds)));
    } finally {
      spark.stop();
    }
  }

  /** CPU time of this JVM, all threads. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void print(String phase, double seconds, double mb) {
    System.out.printf("  %-62s %7.1f s  %8.1f MB/s per core%n", phase, seconds, mb / seconds / BenchSpark.CORES);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
