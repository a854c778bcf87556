package dev.pretrain.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How a run was started, kept in its directory so it can be continued and read back without repeating
 * anything. Two files, each the only copy of what it holds:
 * <ul>
 *   <li>{@value #SETTINGS_FILE}: the {@code train} section ({@code train.diloco} included) as HOCON,
 *       after every layer (defaults, a command's preset, {@code --conf}, {@code --set}), with the keys and
 *       comments of reference.conf. {@code train --resume} layers it under the user's {@code --conf} and
 *       {@code --set}; any command loads it with {@code --conf}.</li>
 *   <li>{@value #FILE} (this record): what the command line said that is not a setting, the dataset
 *       ({@code sample} and {@code export} find the tokenizer through it) and the number of workers.</li>
 * </ul>
 * Runs written before {@value #SETTINGS_FILE} existed have a {@value #FILE} that also holds their
 * settings as JSON; only {@code data} (and {@code workers}) are read from it.
 *
 * @param data    the token dataset the run trains on
 * @param workers 1 for single-process training, N for DiLoCo rounds over N Spark tasks
 */
public record RunConfig(String data, int workers) {

  public static final String FILE = "config.json";
  public static final String SETTINGS_FILE = "config.conf";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final String SETTINGS_HEADER = """
      # The settings of this training run after every layer (defaults, a preset, --conf, --set).
      # `pipeline train --resume --out RUN` continues the run with them, under its own --conf and --set;
      # any command loads them with --conf RUN/config.conf.
      """;

  public RunConfig {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("a run needs its dataset directory");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("a run has at least one worker, got " + workers);
    }
  }

  /** Writes both files into {@code runDir}, replacing those of an earlier start of the run. */
  public void write(String runDir, Configuration hadoop, String settingsConf) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("data", data);
    json.put("workers", workers);
    json.put("settings", SETTINGS_FILE);
    try {
      writeFile(new Path(runDir, FILE), hadoop, JSON.writeValueAsBytes(json));
      writeFile(new Path(runDir, SETTINGS_FILE), hadoop,
          (SETTINGS_HEADER + settingsConf).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration of run " + runDir, e);
    }
  }

  /**
   * The {@value #FILE} of {@code runDir}, or empty if it has none.
   *
   * @throws IllegalArgumentException if it exists but names no dataset
   */
  public static Optional<RunConfig> read(String runDir, Configuration hadoop) {
    Path file = new Path(runDir, FILE);
    Optional<byte[]> bytes = readFile(file, hadoop);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes.get());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not readable JSON: " + e.getMessage(), e);
    }
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isTextual()) {
      throw new IllegalArgumentException(file + " names no dataset (\"data\")");
    }
    return Optional.of(new RunConfig(data.asText(), root.path("workers").asInt(1)));
  }

  /** The text of the run's {@value #SETTINGS_FILE}, or empty for a run written before it existed. */
  public static Optional<String> readSettings(String runDir, Configuration hadoop) {
    return readFile(new Path(runDir, SETTINGS_FILE), hadoop).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  private static void writeFile(Path file, Configuration hadoop, byte[] bytes) throws IOException {
    try (OutputStream out = RunDirectory.fileSystem(file, hadoop).create(file, true)) {
      out.write(bytes);
    }
  }

  private static Optional<byte[]> readFile(Path file, Configuration hadoop) {
    try {
      FileSystem fs = RunDirectory.fileSystem(file, hadoop);
      try (InputStream in = fs.open(file)) {
        return Optional.of(in.readAllBytes());
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
