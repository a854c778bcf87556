package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Totals over a Spark event log (one JSON event per line, as {@code spark.eventLog.enabled=true}
 * writes it, uncompressed): the bytes every task wrote to the shuffle and spilled to disk, summed
 * over the {@code SparkListenerTaskEnd} events' "Task Metrics", and the application's master
 * ("Spark Properties" of {@code SparkListenerEnvironmentUpdate}).
 *
 * @param taskEnds how many TaskEnd events the log holds
 * @param shuffleBytesWritten sum of "Shuffle Write Metrics" / "Shuffle Bytes Written"
 * @param diskBytesSpilled sum of "Disk Bytes Spilled"
 * @param master {@code spark.master}, or null when the log does not name it
 */
record EventLogTotals(long taskEnds, long shuffleBytesWritten, long diskBytesSpilled, String master) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LOCAL_MASTER = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]");

  static EventLogTotals read(Path log) throws IOException {
    long tasks = 0;
    long shuffle = 0;
    long spilled = 0;
    String master = null;
    try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        // Most lines are other events (some large SQL plans): parse only the two kinds read here.
        boolean taskEnd = line.contains("\"SparkListenerTaskEnd\"");
        if (!taskEnd && !line.contains("\"SparkListenerEnvironmentUpdate\"")) {
          continue;
        }
        JsonNode event = JSON.readTree(line);
        if (taskEnd && event.path("Event").asText().equals("SparkListenerTaskEnd")) {
          JsonNode metrics = event.path("Task Metrics");
          tasks++;
          shuffle += metrics.path("Shuffle Write Metrics").path("Shuffle Bytes Written").asLong();
          spilled += metrics.path("Disk Bytes Spilled").asLong();
        } else if (event.path("Event").asText().equals("SparkListenerEnvironmentUpdate")) {
          JsonNode value = event.path("Spark Properties").path("spark.master");
          master = value.isTextual() ? value.asText() : master;
        }
      }
    }
    return new EventLogTotals(tasks, shuffle, spilled, master);
  }

  /**
   * The newest finished application log in {@code dir} that is not in {@code before}: a local
   * application's log is named {@code local-<start millis>}, with {@code .inprogress} appended
   * until the application stops.
   */
  static Path newest(Path dir, Set<Path> before) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("local-") && !f.toString().endsWith(".inprogress"))
          .filter(f -> !before.contains(f))
          .max(Comparator.comparing((Path f) -> f.toFile().lastModified()).thenComparing(Path::toString))
          .orElseThrow(() -> new IOException("no new finished Spark event log (local-*) in " + dir));
    }
  }

  /**
   * Cores of a local master: N of {@code local[N]} or {@code local[N,F]}; the machine's for
   * {@code local[*]}; 1 for {@code local}; 0 for anything else (not a local master).
   */
  static int localCores(String master, int machineCores) {
    if (master == null) {
      return 0;
    }
    if (master.equals("local")) {
      return 1;
    }
    Matcher m = LOCAL_MASTER.matcher(master);
    if (!m.matches()) {
      return 0;
    }
    return m.group(1).equals("*") ? machineCores : Integer.parseInt(m.group(1));
  }
}
