package dev.pretrain.common.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session for a job. The same main class runs under {@code spark-submit}, which
 * sets {@code spark.master} and friends as system properties, and under the local launcher,
 * where nothing sets them and the local settings from the config apply.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession open(SparkSettings settings, String jobName) {
    return SparkSession.builder().config(sparkConf(settings, jobName)).getOrCreate();
  }

  /** The Spark configuration a job would run with; separate so tests can check it without a session. */
  public static SparkConf sparkConf(SparkSettings settings, String jobName) {
    SparkConf conf = new SparkConf(); // picks up spark.* system properties from spark-submit
    boolean local = !conf.contains("spark.master");
    conf.setIfMissing("spark.app.name", settings.appName() + " " + jobName);
    if (local) {
      conf.setMaster(settings.localMaster());
      conf.setIfMissing("spark.ui.enabled", Boolean.toString(settings.uiEnabled()));
      conf.setIfMissing("spark.ui.showConsoleProgress", Boolean.toString(settings.consoleProgress()));
      settings.localDir().ifPresent(dir -> conf.setIfMissing("spark.local.dir", dir));
      // Spark's 200 shuffle partitions suit a cluster; on one machine they are 200 tiny tasks.
      if (!settings.conf().containsKey("spark.sql.shuffle.partitions")) {
        conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(localShufflePartitions()));
      }
    }
    // The command line is more specific than a config file, so spark-submit --conf wins.
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      conf.setIfMissing(e.getKey(), e.getValue());
    }
    return conf;
  }

  static int localShufflePartitions() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  /** True when the session runs in-process, as under the launcher and in tests. */
  public static boolean isLocal(SparkSession spark) {
    return spark.sparkContext().isLocal();
  }
}
