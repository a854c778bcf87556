package dev.pretrain.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.testing.LocalSpark;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PhaseClockTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(PhaseClockTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Runs a job whose two tasks spin for about {@code millis} of CPU each; returns the CPU they measured. */
  private static long busyJob(long millis) {
    LongAccumulator measured = spark.sparkContext().longAccumulator();
    JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2), 2).foreach(i -> {
      var threads = ManagementFactory.getThreadMXBean();
      long start = threads.getCurrentThreadCpuTime();
      long x = 0;
      while (threads.getCurrentThreadCpuTime() - start < millis * 1_000_000) {
        x += IntStream.range(0, 1000).map(k -> k * k).sum();
      }
      measured.add(threads.getCurrentThreadCpuTime() - start + (x == 42 ? 1 : 0));
    });
    return measured.value();
  }

  @Test
  void tasksCountInThePhaseThatStartedTheirJobAndNowhereElse() {
    long busyNanos;
    Map<String, Double> cpu;
    Map<String, Double> wall;
    try (PhaseClock clock = new PhaseClock(spark.sparkContext(), "test")) {
      clock.start("busy");
      busyNanos = busyJob(300);
      clock.start("idle");
      clock.stop();
      busyJob(300); // between phases: counted by none
      clock.start("small");
      spark.range(10).count();
      clock.stop();
      cpu = clock.usage().cpuSeconds();
      wall = clock.wallSeconds();
    }
    assertEquals(List.of("busy", "idle", "small"), List.copyOf(wall.keySet()));
    assertEquals(List.copyOf(wall.keySet()), List.copyOf(cpu.keySet()));
    assertTrue(busyNanos >= 600_000_000L, "the tasks spun for " + busyNanos);
    assertTrue(cpu.get("busy") >= busyNanos / 1e9, cpu + " vs the tasks' own " + busyNanos / 1e9);
    // The busy job between phases ran 0.6 s of task CPU; a phase that counted it would show it.
    assertTrue(cpu.get("idle") < 0.3, cpu.toString());
    assertTrue(cpu.get("small") < 0.3 + wall.get("small") * 2, cpu.toString());
  }

  @Test
  void shuffleBytesCountInThePhaseWhoseJobWroteThem() {
    Map<String, Long> shuffle;
    Map<String, Long> spilled;
    try (PhaseClock clock = new PhaseClock(spark.sparkContext(), "test")) {
      clock.start("narrow");
      spark.range(0, 20_000, 1, 2).count();
      clock.start("wide");
      spark.range(0, 20_000, 1, 2).javaRDD().repartition(3).count(); // an RDD: no optimizer to drop the shuffle
      clock.stop();
      spark.range(0, 20_000, 1, 2).javaRDD().repartition(3).count(); // between phases: counted by none
      PhaseClock.Usage usage = clock.usage();
      shuffle = usage.shuffleBytes();
      spilled = usage.spilledBytes();
    }
    assertEquals(List.of("narrow", "wide"), List.copyOf(shuffle.keySet()));
    // count() after range() shuffles only the partial counts (a few dozen bytes per task);
    // repartition moves 20,000 rows, at least a byte each after compression.
    assertTrue(shuffle.get("narrow") < 2_000, shuffle.toString());
    assertTrue(shuffle.get("wide") > 20_000, shuffle.toString());
    assertEquals(Map.of("narrow", 0L, "wide", 0L), spilled);
  }

  @Test
  void closingRestoresTheThreadsProperties() {
    spark.sparkContext().setLocalProperty("spark.job.description", "the user's");
    try (PhaseClock clock = new PhaseClock(spark.sparkContext(), "test")) {
      clock.start("a");
      assertEquals("test: a", spark.sparkContext().getLocalProperty("spark.job.description"));
    }
    assertEquals("the user's", spark.sparkContext().getLocalProperty("spark.job.description"));
    assertNull(spark.sparkContext().getLocalProperty("dev.pretrain.phase"));
    spark.sparkContext().setLocalProperty("spark.job.description", null);
  }
}
