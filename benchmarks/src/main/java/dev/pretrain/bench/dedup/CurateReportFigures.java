package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures CurateScaling reads from a curate run's {@code report.json} (docs/formats.md,
 * "Report"; written by pipeline-dedup's {@code CurateReport}): documents in and kept, and per
 * phase, in the report's order, wall and CPU seconds and, since issue 19, the bytes the phase's
 * tasks wrote to the shuffle and spilled to disk.
 *
 * @param recordsIn {@code records_in}
 * @param kept {@code kept}
 * @param secondsByPhase {@code seconds_by_phase}: wall clock
 * @param cpuSecondsByPhase {@code cpu_seconds_by_phase}; empty in a report written before it was
 * @param taskBytes {@code shuffle_bytes_by_phase} and {@code spilled_bytes_by_phase}; empty in a
 *     report written before them
 */
record CurateReportFigures(long recordsIn, long kept, Map<String, Double> secondsByPhase,
    Map<String, Double> cpuSecondsByPhase, Optional<TaskBytes> taskBytes) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SHUFFLE_FIELD = "shuffle_bytes_by_phase";
  static final String SPILLED_FIELD = "spilled_bytes_by_phase";

  /**
   * What each phase's tasks wrote to the shuffle (after compression) and spilled to disk.
   *
   * @param shuffleWrittenByPhase {@code shuffle_bytes_by_phase}
   * @param spilledByPhase {@code spilled_bytes_by_phase}
   */
  record TaskBytes(Map<String, Long> shuffleWrittenByPhase, Map<String, Long> spilledByPhase) {
    long shuffleWritten() {
      return shuffleWrittenByPhase.values().stream().mapToLong(Long::longValue).sum();
    }

    long spilled() {
      return spilledByPhase.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The figures of {@code file}; a clear IOException when it is missing, not JSON, or not a curate
   * report (no {@code records_in}, {@code kept} or {@code seconds_by_phase}, or a value that is not
   * a number).
   */
  static CurateReportFigures read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + " is missing: the curate run wrote no report", e);
    }
    if (bytes.length == 0) {
      throw new IOException(file + " is empty: not a curate report");
    }
    JsonNode report;
    try {
      report = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (report == null || !report.isObject()) {
      throw new IOException(file + " is not a curate report: expected a JSON object");
    }
    Map<String, Double> seconds = doubles(file, report, "seconds_by_phase", true);
    Map<String, Double> cpu = doubles(file, report, "cpu_seconds_by_phase", false);
    boolean shuffle = report.has(SHUFFLE_FIELD);
    if (shuffle != report.has(SPILLED_FIELD)) {
      throw new IOException(file + " has " + (shuffle ? SHUFFLE_FIELD : SPILLED_FIELD) + " but not "
          + (shuffle ? SPILLED_FIELD : SHUFFLE_FIELD) + ": curate writes both or neither");
    }
    Optional<TaskBytes> taskBytes = shuffle
        ? Optional.of(new TaskBytes(longs(file, report, SHUFFLE_FIELD), longs(file, report, SPILLED_FIELD)))
        : Optional.empty();
    return new CurateReportFigures(count(file, report, "records_in"), count(file, report, "kept"), seconds, cpu,
        taskBytes);
  }

  private static long count(Path file, JsonNode report, String field) throws IOException {
    JsonNode value = report.get(field);
    if (value == null) {
      throw new IOException(file + " is not a curate report: it has no " + field);
    }
    if (!value.canConvertToExactIntegral() || value.asLong() < 0) {
      throw new IOException(file + ": " + field + " is " + value + ", not a count");
    }
    return value.asLong();
  }

  /** {@code field}'s phase → seconds, in the report's order; empty when absent and not required. */
  private static Map<String, Double> doubles(Path file, JsonNode report, String field, boolean required)
      throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : phases(file, report, field, required).entrySet()) {
      if (!e.getValue().isNumber()) {
        throw new IOException(file + ": " + field + "." + e.getKey() + " is " + e.getValue() + ", not a number");
      }
      out.put(e.getKey(), e.getValue().asDouble());
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code field}'s phase → bytes, in the report's order. */
  private static Map<String, Long> longs(Path file, JsonNode report, String field) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : phases(file, report, field, true).entrySet()) {
      if (!e.getValue().canConvertToExactIntegral() || e.getValue().asLong() < 0) {
        throw new IOException(file + ": " + field + "." + e.getKey() + " is " + e.getValue() + ", not a byte count");
      }
      out.put(e.getKey(), e.getValue().asLong());
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, JsonNode> phases(Path file, JsonNode report, String field, boolean required)
      throws IOException {
    JsonNode node = report.get(field);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (node == null && !required) {
      return out;
    }
    if (node == null) {
      throw new IOException(file + " is not a curate report: it has no " + field);
    }
    if (!node.isObject()) {
      throw new IOException(file + ": " + field + " is " + node + ", not an object of phase to figure");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
