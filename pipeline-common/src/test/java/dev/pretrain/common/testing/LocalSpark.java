package dev.pretrain.common.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session for one test class: {@code local[2]}, few shuffle partitions, no UI.
 * Start it in {@code @BeforeAll} and stop it in {@code @AfterAll}; one per class keeps the suite
 * fast on two cores.
 */
public final class LocalSpark {
  private LocalSpark() {}

  public static SparkSession start(Class<?> testClass) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(testClass.getSimpleName())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .getOrCreate();
  }
}
