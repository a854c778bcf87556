package dev.pretrain.jobs.cli;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSessions;
import dev.pretrain.common.spark.SparkSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
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
   * The Hadoop configuration of the user's layers alone (reference.conf, {@code --conf}, {@code --set}, no
   * preset), for reading what a preset comes from, such as a run's config.conf on {@code s3a://} with the
   * credentials and endpoint that conf/s3a.conf gives. A config whose spark section cannot be read yet
   * gives spark-submit's properties alone: the full load that follows names its problems.
   */
  protected final Configuration userHadoopConf() {
    try {
      SettingsReader reader = configOptions.load(SparkSettings.SCHEMA, Optional.empty(), List.of()).reader();
      return DriverHadoopConf.create(SparkSettings.read(reader));
    } catch (ConfigError e) {
      return DriverHadoopConf.create();
    }
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

  /** The options a run needs that this command line does not give, in the order the command lists them. */
  public final List<String> missingToRun() {
    return requiredToRun().stream().filter(Required::missing).map(Required::option).toList();
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
    List<String> missing = missingToRun();
    if (!missing.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option" + (missing.size() > 1 ? "s" : "")
          + ": " + String.join(", ", missing));
    }
    return run(config);
  }

  /** The settings a run reads: the {@code spark} section and the job's own (one record, or a record of records). */
  public record Settings<S>(SparkSettings spark, S job) {}

  /** Reads one section (or several) of the job's settings from the shared reader. */
  @FunctionalInterface
  protected interface SectionReader<S> {
    S read(SettingsReader reader);
  }

  /**
   * The first step of every run: the {@code spark} section and the job's settings are read with one
   * reader, which then fails once with every problem of the whole config (unknown keys included).
   */
  protected static <S> Settings<S> readSettings(LoadedConfig config, SectionReader<S> job) {
    SettingsReader reader = config.reader();
    SparkSettings spark = SparkSettings.read(reader);
    S settings = job.read(reader);
    reader.finish();
    return new Settings<>(spark, settings);
  }

  /** What a finished run prints: a headline and indented lines. */
  public record Summary(String headline, List<String> lines) {}

  /** Work that needs a Spark session. */
  protected interface SparkWork<T> {
    T run(SparkSession spark) throws Exception;
  }

  /** Runs {@code work} in a session opened for {@code job} and stops the session afterwards. */
  protected static <T> T inSpark(SparkSettings settings, String job, SparkWork<T> work) throws Exception {
    SparkSession spark = SparkSessions.open(settings, job);
    try {
      return work.run(spark);
    } finally {
      spark.stop();
    }
  }

  /** The last step of a run that succeeded: its summary on standard output. */
  protected int done(Summary summary) {
    out().println(summary.headline());
    summary.lines().forEach(line -> out().println("  " + line));
    out().flush();
    return ExitCode.OK;
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
