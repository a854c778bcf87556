package dev.pretrain.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  private static final SparkSettings SETTINGS = new SparkSettings(
      "local[2]", "pretrain-pipeline", false, true, Optional.of("/scratch"),
      Map.of("spark.sql.shuffle.partitions", "7", "spark.ui.enabled", "true"));

  @AfterEach
  void clearSubmitProperties() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.sql.shuffle.partitions");
  }

  @Test
  void localRunTakesMasterAndLocalSettingsFromConfig() {
    SparkConf conf = SparkSessions.sparkConf(SETTINGS, "curate");
    assertEquals("local[2]", conf.get("spark.master"));
    assertEquals("pretrain-pipeline curate", conf.get("spark.app.name"));
    assertEquals("true", conf.get("spark.ui.showConsoleProgress"));
    assertEquals("/scratch", conf.get("spark.local.dir"));
    assertEquals("7", conf.get("spark.sql.shuffle.partitions"));
    SparkConf defaults = SparkSessions.sparkConf(new SparkSettings("local[2]", "p", false, true, Optional.empty(), Map.of()), "x");
    assertEquals(Integer.toString(SparkSessions.localShufflePartitions()), defaults.get("spark.sql.shuffle.partitions"));
    // The dedicated key wins over the same setting in the free-form map.
    assertEquals("false", conf.get("spark.ui.enabled"));
  }

  @Test
  void underSparkSubmitTheClusterMasterAndCommandLineSettingsWin() {
    System.setProperty("spark.master", "yarn");
    System.setProperty("spark.sql.shuffle.partitions", "2000");
    SparkConf conf = SparkSessions.sparkConf(SETTINGS, "curate");
    assertEquals("yarn", conf.get("spark.master"));
    assertEquals("2000", conf.get("spark.sql.shuffle.partitions"));
    assertFalse(conf.contains("spark.local.dir"));
    assertFalse(conf.contains("spark.ui.showConsoleProgress"));
  }
}
