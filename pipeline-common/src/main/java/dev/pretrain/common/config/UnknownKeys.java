package dev.pretrain.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds keys the user set that no module declares. A misspelt key would otherwise be ignored and
 * the default used without a word, which is the worst kind of configuration bug. A key an earlier
 * version read ({@link ConfigSchema#removed()}) is named as removed, with the reason.
 */
final class UnknownKeys {
  private UnknownKeys() {}

  static List<String> find(Config user, Config reference, ConfigSchema schema) {
    List<String> problems = new ArrayList<>();
    walk(user.root(), List.of(), reference, schema, problems);
    return problems;
  }

  private static void walk(
      ConfigObject object, List<String> prefix, Config reference, ConfigSchema schema, List<String> problems) {
    for (Map.Entry<String, ConfigValue> entry : new java.util.TreeMap<>(object).entrySet()) {
      List<String> pathParts = new ArrayList<>(prefix);
      pathParts.add(entry.getKey());
      String path = ConfigUtil.joinPath(pathParts);
      if (schema.isFreeForm(path)) {
        continue;
      }
      String whyRemoved = schema.removed().get(path);
      if (whyRemoved != null) {
        problems.add("key '" + path + "' (" + originOf(entry.getValue()) + ") was removed: " + whyRemoved);
        continue;
      }
      if (!reference.hasPathOrNull(path)) {
        problems.add(unknown(path, prefix, entry.getValue(), reference));
        continue;
      }
      boolean referenceIsSection =
          !reference.getIsNull(path) && reference.getValue(path).valueType() == ConfigValueType.OBJECT;
      if (entry.getValue().valueType() == ConfigValueType.OBJECT && referenceIsSection) {
        walk((ConfigObject) entry.getValue(), pathParts, reference, schema, problems);
      }
      // A scalar where a section is expected, or the reverse, is a type error that the typed
      // readers report with the expected type; nothing more to say here.
    }
  }

  private static String unknown(String path, List<String> prefix, ConfigValue value, Config reference) {
    String parent = prefix.isEmpty() ? null : ConfigUtil.joinPath(prefix);
    TreeSet<String> known = new TreeSet<>(
        parent == null ? reference.root().keySet() : reference.getObject(parent).keySet());
    String name = prefix.isEmpty() ? path : ConfigUtil.splitPath(path).get(prefix.size());
    StringBuilder message = new StringBuilder("unknown key '" + path + "'");
    message.append(" (").append(originOf(value)).append(")");
    String suggestion = ClosestName.of(name, known);
    if (suggestion != null) {
      message.append("; did you mean '")
          .append(parent == null ? suggestion : parent + "." + suggestion)
          .append("'?");
    }
    message.append(" Known keys ")
        .append(parent == null ? "at the top level" : "under '" + parent + "'")
        .append(": ")
        .append(String.join(", ", known));
    return message.toString();
  }

  /** Where an unknown value was set; for a section, where its first setting was made. */
  private static String originOf(ConfigValue value) {
    if (value instanceof ConfigObject object && !object.isEmpty()) {
      return originOf(object.get(new TreeSet<>(object.keySet()).first()));
    }
    return value.origin().description();
  }
}
