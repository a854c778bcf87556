package dev.pretrain.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the job configuration from its three layers, most specific first:
 * {@code --set key=value} overrides, then the {@code --conf} file, then the defaults in every
 * module's {@code reference.conf}. System properties are deliberately not a layer:
 * {@code spark-submit} passes its own {@code spark.*} settings that way, and they are Spark's,
 * not ours.
 */
public final class ConfigLayers {
  private ConfigLayers() {}

  /**
   * Loads, merges and resolves the layers and looks for unknown keys; those are reported with
   * the typed readers' problems, so one run lists everything wrong.
   *
   * @param confFileText the text of the {@code --conf} file and a name for messages, if given
   * @param overrides {@code key=value} strings from {@code --set}, applied in order
   * @param schema which sections exist and which sub-sections are free-form maps
   */
  public static LoadedConfig load(
      Optional<ConfigSource> confFileText, List<String> overrides, ConfigSchema schema) {
    return load(confFileText, overrides, schema, Optional.empty());
  }

  /**
   * As {@link #load(Optional, List, ConfigSchema)}, with a preset between the defaults and the
   * {@code --conf} file: a command's own defaults (the quickstart's small model, say) that the
   * user's file and {@code --set} still override.
   */
  public static LoadedConfig load(
      Optional<ConfigSource> confFileText, List<String> overrides, ConfigSchema schema, Optional<ConfigSource> preset) {
    // Unresolved: defaultReference() would merge in every system property as a "known key".
    Config reference = ConfigFactory.defaultReferenceUnresolved();
    Config file = confFileText.map(ConfigLayers::parseFile).orElse(ConfigFactory.empty());
    Config sets = parseOverrides(overrides);
    Config user = sets.withFallback(file).withFallback(preset.map(ConfigLayers::parseFile).orElse(ConfigFactory.empty()));
    Config resolved;
    try {
      resolved = user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage());
    }
    // The user's layers alone, with substitutions resolved against everything (they may point
    // at defaults), so only keys the user wrote are checked.
    Config userResolved = user.resolveWith(user.withFallback(reference));
    return new LoadedConfig(resolved, schema, UnknownKeys.find(userResolved, reference.resolve(), schema));
  }

  private static Config parseFile(ConfigSource source) {
    try {
      return ConfigFactory.parseString(
          source.text(),
          ConfigParseOptions.defaults()
              .setOriginDescription(source.name())
              .setSyntax(ConfigSyntax.CONF)
              .setAllowMissing(false));
    } catch (ConfigException.Parse e) {
      throw new ConfigError("cannot parse " + source.name() + ": " + e.getMessage());
    }
  }

  /**
   * Numbers, booleans, {@code null}, quoted strings, lists and objects are parsed as HOCON so they
   * keep their types; anything else is taken verbatim as a string, so {@code local[*]} and
   * {@code s3a://bucket/x} (where HOCON would read {@code //} as a comment) arrive intact.
   */
  static Config parseOverrides(List<String> overrides) {
    Config merged = ConfigFactory.empty();
    List<String> problems = new ArrayList<>();
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        problems.add("--set '" + override + "' must have the form key=value");
        continue;
      }
      String key = override.substring(0, eq).trim();
      String raw = override.substring(eq + 1).trim();
      String origin = "--set " + override;
      try {
        ConfigUtil.splitPath(key);
        ConfigValue value = parseValue(raw, origin);
        // Later overrides win over earlier ones, as on any command line.
        merged = ConfigFactory.empty(origin).withValue(key, value).withFallback(merged);
      } catch (ConfigException e) {
        problems.add("--set '" + override + "': " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
    return merged;
  }

  private static final Pattern TYPED_LITERAL =
      Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|true|false|null|[\\[{\"].*", Pattern.DOTALL);

  private static ConfigValue parseValue(String raw, String origin) {
    if (TYPED_LITERAL.matcher(raw).matches()) {
      Config parsed = ConfigFactory.parseString(
          "v = " + raw, ConfigParseOptions.defaults().setOriginDescription(origin));
      return parsed.root().get("v");
    }
    return ConfigValueFactory.fromAnyRef(raw, origin);
  }
}
