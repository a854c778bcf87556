package dev.pretrain.dedup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The bundled sample's Universal Declaration of Human Rights, 39 languages, by record id ({@code udhr/fra}). */
public final class UdhrTexts {
  public static final Path FILE = Path.of("../jobs/sample/corpus/udhr.jsonl.gz");
  private static final ObjectMapper JSON = new ObjectMapper();

  private UdhrTexts() {}

  /** One translation: its text and its language as the sample labels it (the BCP 47 primary subtag). */
  public record Udhr(String id, String text, String language) {}

  public static Map<String, Udhr> all() throws IOException {
    Map<String, Udhr> out = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(FILE)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode record = JSON.readTree(line);
        String bcp47 = record.get("meta").get("bcp47").asText();
        out.put(record.get("id").asText(), new Udhr(record.get("id").asText(), record.get("text").asText(),
            bcp47.split("-")[0]));
      }
    }
    return out;
  }

  public static Udhr get(String id) throws IOException {
    Udhr udhr = all().get(id);
    if (udhr == null) {
      throw new IllegalArgumentException("no " + id + " in " + FILE);
    }
    return udhr;
  }
}
