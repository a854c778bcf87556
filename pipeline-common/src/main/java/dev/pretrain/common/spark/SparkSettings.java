package dev.pretrain.common.spark;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a job gets its Spark session, from the {@code spark} config section.
 *
 * @param localMaster master URL used only when the job is not started by {@code spark-submit}
 * @param appName application name; the job name is appended
 * @param uiEnabled whether a local run starts the Spark web UI (off: it costs a port and memory)
 * @param consoleProgress whether a local run shows Spark's console progress bar
 * @param localDir scratch directory for shuffle and spill in local runs; Spark's default if empty
 * @param conf further Spark settings, applied unless {@code spark-submit --conf} set them already
 */
public record SparkSettings(
    String localMaster,
    String appName,
    boolean uiEnabled,
    boolean consoleProgress,
    Optional<String> localDir,
    Map<String, String> conf) {

  /** The {@code spark} section; {@code spark.conf} is free-form (any Spark setting). */
  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("spark"), Set.of("spark.conf"));

  private static final Pattern LOCAL_MASTER = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?\\])?");

  public SparkSettings {
    conf = Map.copyOf(conf);
  }

  public static SparkSettings read(SettingsReader reader) {
    return new SparkSettings(
        reader.string("spark.local-master", v -> LOCAL_MASTER.matcher(v).matches(),
            "local, local[N], local[*] or local[N,maxFailures] (cluster masters come from spark-submit)"),
        reader.string("spark.app-name", v -> !v.isBlank(), "a non-empty name"),
        reader.bool("spark.ui-enabled"),
        reader.bool("spark.console-progress"),
        reader.optionalString("spark.local-dir"),
        reader.flatStringMap("spark.conf"));
  }
}
