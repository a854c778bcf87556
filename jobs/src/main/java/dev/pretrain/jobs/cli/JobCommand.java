package dev.pretrain.jobs.cli;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.spark.SparkSessions;
import dev.pretrain.common.spark.SparkSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every subcommand does before its own work: load and validate the configuration (failing
 * fast, before any Spark session or output exists) or print it.
 */
public abstract class JobCommand implements Callable<Integer> {
  @Mixin protected ConfigOptions configOptions;

  @Spec protected CommandSpec spec;

  /** The config sections this command reads, printed by {@code --print-config}. */
  protected abstract ConfigSchema schema();

  /**
   * Defaults of this command layered over the modules' reference.conf and under the user's
   * {@code --conf} and {@code --set}; none for most commands.
   */
  protected Optional<ConfigSource> preset() {
    return Optional.empty();
  }

  /**
   * Settings given by this command's own options (such as {@code --tokenizer}), applied after
   * {@code --set}: a dedicated option is the most specific thing a user can say.
   */
  protected List<String> optionSettings() {
    return List.of();
  }

  /**
   * The options a run needs but {@code --print-config} does not, as (name, given value): picocli
   * cannot make a requirement conditional, so they are checked here, after {@code --print-config}.
   */
  protected List<Required> requiredToRun() {
    return List.of();
  }

  /** An option a run needs; {@code value} is null (or empty) when it was not given. */
  public record Required(String option, Object value) {
    boolean missing() {
      return value == null || (value instanceof java.util.Collection<?> c && c.isEmpty());
    }
  }

  /** Reads the typed settings (which validates them) and runs the job. */
  protected abstract int run(LoadedConfig config) throws Exception;

  @Override
  public final Integer call() throws Exception {
    LoadedConfig config = configOptions.load(schema(), preset(), optionSettings());
    if (configOptions.printConfig()) {
      config.requireKnownKeys();
      out().print(config.render());
      out().flush();
      return ExitCode.OK;
    }
    List<String> missing = requiredToRun().stream().filter(Required::missing).map(Required::option).toList();
    if (!missing.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option" + (missing.size() > 1 ? "s" : "")
          + ": " + String.join(", ", missing));
    }
    return run(config);
  }

  /** Work that needs a Spark session. */
  protected interface SparkWork {
    int run(SparkSession spark) throws Exception;
  }

  /** Runs {@code work} in a session opened for {@code job} and stops the session afterwards. */
  protected static int inSpark(SparkSettings settings, String job, SparkWork work) throws Exception {
    SparkSession spark = SparkSessions.open(settings, job);
    try {
      return work.run(spark);
    } finally {
      spark.stop();
    }
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
