package dev.pretrain.jobs.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run with what jobs/submit/spark-submit.sh prints starts Spark: its master and every
 * --conf setting go into a SparkContext in this JVM, which must come up and run a job. (Before,
 * spark.eventLog.enabled without a directory stopped it with "Log directory
 * file:/tmp/spark-events does not exist".) Each test starts its own short-lived context: starting
 * is what is tested.
 */
class SparkSubmitLocalStartTest {
  private static List<String> printed(String... extra) {
    List<String> args = new ArrayList<>(List.of("--dry-run", "--master", "local[2]", "--jar", "j.jar",
        "--conf", "conf/local.conf"));
    args.addAll(Arrays.asList(extra));
    args.addAll(List.of("curate", "--input", "in", "--output", "out"));
    return ScriptRun.of("jobs/submit/spark-submit.sh", args.toArray(String[]::new)).words();
  }

  /** Starts Spark as spark-submit would from the printed command and counts to ten. */
  private static void startAndRun(List<String> words) {
    SparkConf conf = new SparkConf()
        .setMaster(words.get(words.indexOf("--master") + 1))
        .setAppName(words.get(words.indexOf("--name") + 1))
        .set("spark.ui.enabled", "false");
    for (Map.Entry<String, String> setting : SubmitWrappersTest.sparkSubmitSettings(words).entrySet()) {
      conf.set(setting.getKey(), setting.getValue());
    }
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      assertEquals(10L, spark.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 2).count());
    }
  }

  @Test
  void aLocalRunWithTheDefaultSettingsStarts() {
    startAndRun(printed());
  }

  @Test
  void aLocalRunWithAnEventLogDirectoryStartsAndWritesItsEventLogThere(@TempDir Path events) throws IOException {
    startAndRun(printed("--event-log-dir", events.toUri().toString()));
    try (Stream<Path> logs = Files.list(events)) {
      List<Path> written = logs.toList();
      assertEquals(1, written.size(), written.toString());
      assertTrue(Files.size(written.get(0)) > 0, written.toString());
    }
  }
}
