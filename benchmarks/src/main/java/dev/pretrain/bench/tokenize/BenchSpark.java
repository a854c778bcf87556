package dev.pretrain.bench.tokenize;

import org.apache.spark.sql.SparkSession;

/** The benchmarks' Spark session: {@code local[2]} (the machine's cores), no UI, WARN logs. */
final class BenchSpark {
  static final int CORES = 2;

  private BenchSpark() {}

  static SparkSession start(String name) {
    SparkSession spark = SparkSession.builder().master("local[" + CORES + "]").appName(name)
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
