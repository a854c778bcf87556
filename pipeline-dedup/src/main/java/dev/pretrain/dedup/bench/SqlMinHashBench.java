package dev.pretrain.dedup.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import dev.pretrain.dedup.minhash.DedupNormalizeFunction;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHasher;
import dev.pretrain.dedup.minhash.SqlMinHash;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * CPU speed of the two MinHash implementations side by side in one run, on one core each: the
 * JVM {@link MinHasher} in a plain loop, and {@link SqlMinHash} in Spark {@code local[1]} (one
 * task thread) over a cached table of the same texts, with the Java normalization alone in Spark
 * as a third line (the part of the SQL path that stays on CPU under RAPIDS). MB are 10^6 bytes of
 * UTF-8 input text; each figure is the median wall-clock rate of several timed runs after a
 * warm-up run. 14 bands × 8 rows, 5-word shingles (the defaults).
 *
 * <pre>java -cp ... dev.pretrain.dedup.bench.SqlMinHashBench [--min-mb 4] [--runs 3] FILE.jsonl.gz...</pre>
 */
public final class SqlMinHashBench {
  private SqlMinHashBench() {}

  public static void main(String[] args) throws IOException {
    int minMb = 4;
    int runs = 3;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--min-mb" -> minMb = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: SqlMinHashBench [--min-mb N] [--runs N] FILE.jsonl[.gz]...");
      System.exit(2);
    }
    List<String> docs = new ArrayList<>();
    long bytes = 0;
    for (String text : JsonlRecords.texts(files)) {
      docs.add(text);
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
      if (bytes >= minMb * 1_000_000L) {
        break;
      }
    }
    MinHashSettings settings = ReferenceSettings.curate().minhash();
    System.out.printf("%d documents, %.1f MB; %d timed runs each, median; java %s; load average %.1f on %d cores%n",
        docs.size(), bytes / 1e6, runs, System.getProperty("java.version"), load(),
        Runtime.getRuntime().availableProcessors());

    MinHasher hasher = new MinHasher(settings);
    long[] signature = new long[settings.permutations()];
    long[] keys = new long[settings.bands()];
    double jvm = median(runs, bytes, () -> {
      long sink = 0;
      for (String d : docs) {
        if (hasher.sign(d, signature)) {
          hasher.bandKeys(signature, keys);
          sink += keys[0];
        }
      }
      return sink;
    });

    SparkSession spark = SparkSession.builder().master("local[1]").appName("SqlMinHashBench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    try {
      Dataset<Row> table = spark.createDataset(docs, Encoders.STRING()).toDF("text").cache();
      table.count();
      Dataset<Row> keyed = new SqlMinHash(settings).withBandKeys(table, "text", "band_keys")
          .agg(sum(xxhash64(col("band_keys"))));
      double sql = median(runs, bytes, () -> keyed.first().isNullAt(0) ? 0 : keyed.first().getLong(0));
      Dataset<Row> normalized = table.agg(sum(length(DedupNormalizeFunction.column(col("text")))));
      double normalize = median(runs, bytes, () -> normalized.first().getLong(0));

      System.out.printf("JVM MinHasher (normalize + shingle + 112 permutations + 14 band keys), 1 thread: %7.1f MB/s%n", jvm);
      System.out.printf("SQL MinHash in Spark local[1] (same steps, SQL built-ins + Java normalize):  %7.1f MB/s%n", sql);
      System.out.printf("  of which the Java normalization alone, in Spark local[1]:                  %7.1f MB/s%n", normalize);
      System.out.printf("JVM / SQL speed ratio on CPU: %.1fx; load average at the end %.1f%n", jvm / sql, load());
    } finally {
      spark.stop();
    }
  }

  private static double median(int runs, long bytes, LongSupplier work) {
    long sink = work.getAsLong(); // warm-up
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      sink += work.getAsLong();
      rates[i] = bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }
    if (sink == 42) {
      System.out.print("");
    }
    Arrays.sort(rates);
    return rates[runs / 2];
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

}
