package dev.pretrain.jobs.cli;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration options every job takes: {@code --conf}, {@code --set}, {@code --print-config}. */
public final class ConfigOptions {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description = "HOCON config file layered over the defaults (e.g. conf/local.conf). "
          + "Local path, or s3a://, gs://, hdfs:// for cluster runs.")
  String confFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one config key; repeatable, later ones win (e.g. --set spark.local-master=local[2]).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--print-config", description = "Print the resolved configuration and exit without running.")
  boolean printConfig;

  public boolean printConfig() {
    return printConfig;
  }

  /**
   * @param preset the command's own defaults over the modules' reference.conf, if it has any
   * @param optionSettings {@code key=value} settings from the command's dedicated options, applied last
   */
  public LoadedConfig load(ConfigSchema schema, Optional<ConfigSource> preset, List<String> optionSettings) {
    List<String> all = new ArrayList<>(overrides);
    all.addAll(optionSettings);
    return ConfigLayers.load(Optional.ofNullable(confFile).map(ConfigOptions::read), all, schema, preset);
  }

  private static ConfigSource read(String location) {
    try {
      if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !location.startsWith("file://")) {
        return new ConfigSource(location, HadoopText.read(location));
      }
      Path path = Path.of(location.startsWith("file://") ? location.substring("file://".length()) : location);
      return new ConfigSource(location, Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ConfigError("--conf " + location + ": no such file");
    } catch (IOException e) {
      throw new ConfigError("--conf " + location + ": cannot read it: " + e);
    }
  }
}
