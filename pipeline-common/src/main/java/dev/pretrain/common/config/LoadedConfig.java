package dev.pretrain.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The resolved configuration of one run, before it is read into typed settings. */
public final class LoadedConfig {
  private final Config config;
  private final ConfigSchema schema;
  private final List<String> unknownKeys;

  LoadedConfig(Config config, ConfigSchema schema, List<String> unknownKeys) {
    this.config = config;
    this.schema = schema;
    this.unknownKeys = List.copyOf(unknownKeys);
  }

  /**
   * A reader that collects problems, starting with any unknown keys; call
   * {@link SettingsReader#finish()} once all is read.
   */
  public SettingsReader reader() {
    return new SettingsReader(config, unknownKeys);
  }

  /** Throws {@link ConfigError} if the user set keys that no module declares. */
  public void requireKnownKeys() {
    if (!unknownKeys.isEmpty()) {
      throw new ConfigError(unknownKeys);
    }
  }

  public Config config() {
    return config;
  }

  /**
   * The job's sections as HOCON, with the comments from {@code reference.conf}, so a user sees
   * every knob, its value after all layers, and what it does.
   */
  public String render() {
    return render(schema);
  }

  /**
   * As {@link #render()}, for the sections of {@code only}: a training run keeps its {@code train}
   * section this way (its config.conf), loadable again with {@code --conf}.
   */
  public String render(ConfigSchema only) {
    StringBuilder out = new StringBuilder();
    ConfigRenderOptions options =
        ConfigRenderOptions.defaults().setOriginComments(false).setComments(true).setJson(false);
    Config shown = config;
    for (String path : schema.freeForm()) {
      if (shown.hasPath(path)) {
        // Flat, quoted keys read as the Spark settings they are, not as nested sections.
        Map<String, Object> flat = new TreeMap<>();
        shown.getConfig(path).entrySet().forEach(e ->
            flat.put(String.join(".", ConfigUtil.splitPath(e.getKey())), e.getValue().unwrapped()));
        shown = shown.withValue(path, ConfigValueFactory.fromMap(flat));
      }
    }
    for (String section : only.sections()) {
      if (shown.hasPath(section)) {
        out.append(shown.root().withOnlyKey(section).render(options)).append('\n');
      }
    }
    return out.toString();
  }
}
