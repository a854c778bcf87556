package dev.pretrain.jobs.cli;

import dev.pretrain.common.spark.SparkSettings;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration for what a command reads and writes outside a Spark session: a {@code --conf}
 * file, a run's own settings on object storage, and single-process training's data and run directory.
 */
public final class DriverHadoopConf {
  private DriverHadoopConf() {}

  private static final String PREFIX = "spark.hadoop.";

  /** From {@code spark-submit --conf spark.hadoop.x=y}, which arrives as system properties. */
  public static Configuration create() {
    Configuration hadoop = new Configuration();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = e.getKey().toString();
      if (key.startsWith(PREFIX)) {
        hadoop.set(key.substring(PREFIX.length()), e.getValue().toString());
      }
    }
    return hadoop;
  }

  /**
   * As {@link #create()}, plus the {@code spark.hadoop.*} entries of the job's {@code spark.conf} (such as
   * conf/s3a.conf's), the Hadoop configuration a Spark session of the same job would have: as there, the
   * command line's {@code spark-submit --conf} wins over the config file.
   */
  public static Configuration create(SparkSettings spark) {
    Configuration hadoop = create();
    for (Map.Entry<String, String> e : spark.conf().entrySet()) {
      String key = e.getKey();
      if (key.startsWith(PREFIX) && System.getProperty(key) == null) {
        hadoop.set(key.substring(PREFIX.length()), e.getValue());
      }
    }
    return hadoop;
  }
}
