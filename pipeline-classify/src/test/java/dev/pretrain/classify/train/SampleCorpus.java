package dev.pretrain.classify.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The bundled sample corpus (jobs/sample/corpus) as DCLM-style classes: Brown and UDHR text as
 * the positive class, SpamAssassin mails as the negative one.
 */
final class SampleCorpus {
  static final Path DIR = Path.of("..", "jobs", "sample", "corpus");
  static final List<Path> POSITIVE = List.of(DIR.resolve("brown.jsonl.gz"), DIR.resolve("udhr.jsonl.gz"));
  static final List<Path> NEGATIVE = List.of(DIR.resolve("spamassassin.jsonl.gz"));

  private SampleCorpus() {}

  /** The "text" field of every record of the files, in file order. */
  static List<String> texts(List<Path> files) {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode record = json.readTree(line);
          texts.add(record.get("text").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }
}
