package dev.pretrain.common.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The chart libraries a report inlines, read from their webjars on the classpath (org.webjars vega,
 * vega-lite, vega-embed; docs/reports.md says why these): a report is one file that draws its charts
 * offline. The minified scripts are inlined as they are, without their {@code sourceMappingURL}
 * comment, which would point to a map the page does not carry.
 */
public final class ChartScripts {
  public static final String VEGA = "5.32.0";
  public static final String VEGA_LITE = "5.23.0";
  public static final String VEGA_EMBED = "6.29.0";

  /** Classpath resources, in load order (vega-lite needs vega, vega-embed needs both). */
  static final List<String> RESOURCES = List.of(
      "META-INF/resources/webjars/vega/" + VEGA + "/vega.min.js",
      "META-INF/resources/webjars/vega-lite/" + VEGA_LITE + "/vega-lite.min.js",
      "META-INF/resources/webjars/vega-embed/" + VEGA_EMBED + "/vega-embed.min.js");

  private static volatile List<String> scripts;

  private ChartScripts() {}

  /** The three scripts' text, in load order; read once per JVM. */
  public static List<String> scripts() {
    List<String> loaded = scripts;
    if (loaded == null) {
      loaded = RESOURCES.stream().map(ChartScripts::read).toList();
      scripts = loaded;
    }
    return loaded;
  }

  /** The notice of the inlined libraries (BSD 3-Clause), which the page carries with them. */
  public static String notice() {
    return resource("dev/pretrain/common/report/THIRD-PARTY-NOTICES.txt");
  }

  static String resource(String name) {
    try (InputStream in = ChartScripts.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("report resource " + name + " is not on the classpath (a packaging bug)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static String read(String name) {
    String text = resource(name).stripTrailing();
    int map = text.lastIndexOf("\n//# sourceMappingURL=");
    String script = map < 0 ? text : text.substring(0, map);
    // An inline script ends at the first "</script"; the libraries have none, and must not gain one.
    if (script.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
      throw new IllegalStateException(name + " contains </script and cannot be inlined");
    }
    return script;
  }
}
