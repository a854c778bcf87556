package dev.pretrain.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads typed values out of the resolved configuration and records every problem instead of
 * stopping at the first, so a run reports all bad keys at once. Each getter returns a harmless
 * stand-in value when the key is bad; {@link #finish()} then throws {@link ConfigError} with the
 * list, before any of the stand-ins can be used.
 */
public final class SettingsReader {
  private final Config config;
  private final List<String> problems;
  /** How this reader's paths are named in messages: "" at the root, {@code list[2].} for an element of a list. */
  private final String prefix;

  SettingsReader(Config config, List<String> earlierProblems) {
    this(config, new ArrayList<>(earlierProblems), "");
  }

  private SettingsReader(Config config, List<String> problems, String prefix) {
    this.config = config;
    this.problems = problems;
    this.prefix = prefix;
  }

  /** The resolved configuration read from, for checks in this package that span keys ({@link PresetKeys}). */
  Config config() {
    return config;
  }

  public boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException e) {
      problem(path, "must be true or false", e);
      return false;
    }
  }

  public String string(String path) {
    try {
      return config.getString(path);
    } catch (ConfigException e) {
      problem(path, "must be a string", e);
      return "";
    }
  }

  /** A string that may be {@code null} in the config (meaning "not set"). */
  public Optional<String> optionalString(String path) {
    if (!config.hasPathOrNull(path) || config.getIsNull(path)) {
      return Optional.empty();
    }
    String value = string(path);
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** A string that must match {@code rule}; {@code allowed} describes the rule for the message. */
  public String string(String path, Predicate<String> rule, String allowed) {
    String value = string(path);
    if (isFine(path) && !rule.test(value)) {
      invalid(path, "must be " + allowed);
    }
    return value;
  }

  public int intIn(String path, int min, int max) {
    return (int) longIn(path, min, max);
  }

  public long longIn(String path, long min, long max) {
    String requirement = "must be an integer from " + min + " to " + max;
    try {
      // getLong would silently truncate 1.5 to 1; a fraction where a count belongs is an error.
      Number number = config.getNumber(path);
      if (number instanceof Double || number instanceof Float) {
        invalid(path, requirement);
        return min;
      }
      long value = number.longValue();
      if (value < min || value > max) {
        invalid(path, requirement);
      }
      return value;
    } catch (ConfigException e) {
      problem(path, requirement, e);
      return min;
    }
  }

  /** An integer that may be {@code null} in the config (meaning "not set"), else as {@link #longIn}. */
  public java.util.OptionalLong optionalLongIn(String path, long min, long max) {
    if (!config.hasPathOrNull(path) || config.getIsNull(path)) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(longIn(path, min, max));
  }

  public double doubleIn(String path, double min, double max) {
    try {
      double value = config.getDouble(path);
      if (!(value >= min && value <= max)) {
        invalid(path, "must be a number from " + min + " to " + max);
      }
      return value;
    } catch (ConfigException e) {
      problem(path, "must be a number from " + min + " to " + max, e);
      return min;
    }
  }

  /** A size such as {@code 512m} or {@code 2 GiB}, in bytes. */
  public long bytesIn(String path, long min, long max) {
    try {
      long value = config.getBytes(path);
      if (value < min || value > max) {
        invalid(path, "must be a size from " + min + " to " + max + " bytes");
      }
      return value;
    } catch (ConfigException e) {
      problem(path, "must be a size such as 512m or 2g", e);
      return min;
    }
  }

  /**
   * One of an enum's constants, written in the config in lower case with hyphens
   * ({@code NEAR_DUPLICATE} is {@code "near-duplicate"}).
   */
  public <E extends Enum<E>> E oneOf(String path, Class<E> type) {
    E[] constants = type.getEnumConstants();
    String allowed = Arrays.stream(constants).map(SettingsReader::configName).collect(Collectors.joining(", "));
    String value = string(path);
    for (E constant : constants) {
      if (configName(constant).equals(value)) {
        return constant;
      }
    }
    if (isFine(path)) {
      invalid(path, "must be one of: " + allowed);
    }
    return constants[0];
  }

  public List<String> stringList(String path) {
    try {
      return List.copyOf(config.getStringList(path));
    } catch (ConfigException e) {
      problem(path, "must be a list of strings", e);
      return List.of();
    }
  }

  /**
   * A free-form section as a flat map: nested keys are joined with dots, so
   * {@code conf { spark.sql.shuffle.partitions = 8 }} gives {@code spark.sql.shuffle.partitions -> 8}.
   */
  public Map<String, String> flatStringMap(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      Config section = config.getConfig(path);
      section.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> {
            String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
            ConfigValue value = e.getValue();
            if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT) {
              invalid(path + "." + key, "must be a string, number or boolean");
            } else {
              out.put(key, String.valueOf(value.unwrapped()));
            }
          });
    } catch (ConfigException e) {
      problem(path, "must be a section of key = value settings", e);
    }
    return out;
  }

  /**
   * A list of sections, such as {@code [{ name = a, model = x }, { name = b, model = y }]}: one reader
   * per element, whose problems join this reader's and name the element ({@code path[1].model}).
   * {@code reference.conf} cannot declare the keys of a list's elements, so each element's keys
   * are checked here against {@code known}: another key is a problem naming the known ones.
   */
  public List<SettingsReader> sectionList(String path, List<String> known) {
    List<? extends Config> elements;
    try {
      elements = config.getConfigList(path);
    } catch (ConfigException e) {
      problem(path, "must be a list of sections { " + String.join(", ", known) + " }", e);
      return List.of();
    }
    List<SettingsReader> readers = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Config element = elements.get(i);
      String elementPrefix = prefix + path + "[" + i + "].";
      for (String key : new java.util.TreeSet<>(element.root().keySet())) {
        if (!known.contains(key)) {
          String suggestion = ClosestName.of(key, new java.util.TreeSet<>(known));
          problems.add("unknown key '" + elementPrefix + key + "' (" + element.root().get(key).origin().description()
              + ")" + (suggestion == null ? "" : "; did you mean '" + elementPrefix + suggestion + "'?")
              + " Known keys of each element: " + String.join(", ", known));
        }
      }
      readers.add(new SettingsReader(element, problems, elementPrefix));
    }
    return readers;
  }

  /** Whether a key is set (possibly to null): for the optional keys of a list's elements. */
  public boolean has(String path) {
    return config.hasPathOrNull(path);
  }

  /**
   * The settings made below a section whose keys nobody can know in advance (a free-form section
   * of {@link ConfigSchema}), as dot-joined paths relative to it, sorted: each leaf (a value or a
   * list) once, so the caller reads each with the typed getters above at {@code path + "." + key}
   * and reports keys it does not know. Empty when the section is absent; a value where the section
   * belongs is a problem.
   */
  public List<String> keysUnder(String path) {
    if (!config.hasPathOrNull(path)) {
      return List.of();
    }
    try {
      return config.getConfig(path).entrySet().stream()
          .map(e -> String.join(".", ConfigUtil.splitPath(e.getKey())))
          .sorted()
          .toList();
    } catch (ConfigException e) {
      problem(path, "must be a section", e);
      return List.of();
    }
  }

  /** Records a problem found by a check that spans several keys. */
  public void check(boolean ok, String path, String requirement) {
    if (!ok && isFine(path)) {
      invalid(path, requirement);
    }
  }

  /** Throws {@link ConfigError} listing every problem recorded so far, if there are any. */
  public void finish() {
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
  }

  static String configName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private boolean isFine(String path) {
    String quoted = "'" + prefix + path + "'";
    return problems.stream().noneMatch(p -> p.startsWith(quoted));
  }

  private void invalid(String path, String requirement) {
    problems.add("'" + prefix + path + "' " + requirement + ", got " + describe(path));
  }

  private void problem(String path, String requirement, ConfigException e) {
    if (e instanceof ConfigException.Missing && !config.hasPathOrNull(path)) {
      problems.add("'" + prefix + path + "' is missing; it " + requirement);
    } else {
      problems.add("'" + prefix + path + "' " + requirement + ", got " + describe(path));
    }
  }

  private String describe(String path) {
    if (!config.hasPathOrNull(path)) {
      return "nothing";
    }
    if (config.getIsNull(path)) {
      return "null";
    }
    ConfigValue value = config.getValue(path);
    String rendered = value.valueType() == ConfigValueType.STRING
        ? "'" + value.unwrapped() + "'"
        : value.render(com.typesafe.config.ConfigRenderOptions.concise());
    return rendered + " (" + value.origin().description() + ")";
  }
}
