package dev.pretrain.jobs.cli;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration for what a command reads before any Spark session exists (a {@code --conf}
 * file, a run's own settings on object storage).
 */
public final class DriverHadoopConf {
  private DriverHadoopConf() {}

  public static Configuration create() {
    Configuration hadoop = new Configuration();
    // spark-submit --conf spark.hadoop.x=y arrives as a system property; honour it here too.
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = e.getKey().toString();
      if (key.startsWith("spark.hadoop.")) {
        hadoop.set(key.substring("spark.hadoop.".length()), e.getValue().toString());
      }
    }
    return hadoop;
  }
}
