package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The records of the benchmarks' input files: JSONL, gzipped or not, blank lines skipped. */
final class JsonlRecords {
  private JsonlRecords() {}

  static List<JsonNode> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    InputStream in = Files.newInputStream(file);
    InputStream stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    }
    return out;
  }

  /** The {@code text} field of every record of {@code files}. */
  static List<String> texts(List<Path> files) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode record : read(file)) {
        out.add(record.get("text").asText());
      }
    }
    return out;
  }
}
