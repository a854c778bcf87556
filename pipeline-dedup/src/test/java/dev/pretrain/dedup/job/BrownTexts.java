package dev.pretrain.dedup.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Curate fixtures made of Brown corpus texts from the bundled sample (long, clean, distinct), and its spam. */
final class BrownTexts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BrownTexts() {}

  /** The first {@code n} Brown texts. */
  static List<String> first(int n) throws IOException {
    return texts("brown.jsonl.gz", "brown/", n);
  }

  /** The first {@code n} spam mails of the sample's SpamAssassin file (a classifier's negatives). */
  static List<String> spam(int n) throws IOException {
    return texts("spamassassin.jsonl.gz", "spamassassin/spam", n);
  }

  private static List<String> texts(String file, String idPrefix, int n) throws IOException {
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(Path.of("../jobs/sample/corpus", file))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && texts.size() < n; line = in.readLine()) {
        com.fasterxml.jackson.databind.JsonNode record = JSON.readTree(line);
        if (record.get("id").asText().startsWith(idPrefix)) {
          texts.add(record.get("text").asText());
        }
      }
    }
    return texts;
  }

  /** A JSONL record of the document contract's fields. */
  static String line(String id, String text) throws JsonProcessingException {
    return JSON.writeValueAsString(Map.of("id", id, "text", text, "source", "test"));
  }

  /** Every 100th word replaced by a marker: 5-gram Jaccard about 0.9, well above the LSH threshold. */
  static String nearCopy(String text) {
    return everyHundredthWord(text, (word, i) -> "CHANGED" + i);
  }

  /** Every 100th word (from the 50th) replaced by {@code edit(word, index)}. */
  static String everyHundredthWord(String text, java.util.function.BiFunction<String, Integer, String> edit) {
    String[] words = text.split(" ");
    for (int i = 50; i < words.length; i += 100) {
      words[i] = edit.apply(words[i], i);
    }
    return String.join(" ", words);
  }
}
