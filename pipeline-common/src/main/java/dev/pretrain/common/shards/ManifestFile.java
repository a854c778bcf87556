package dev.pretrain.common.shards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pretrain.common.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads, checks and writes {@code manifest.json}; every problem is named by its JSON path. */
public final class ManifestFile {
  private ManifestFile() {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // newer writers may add fields

  /** Canonical bytes: the same manifest always serializes to the same bytes. */
  public static byte[] toJson(Manifest manifest) {
    List<String> problems = problems(manifest);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("refusing to write an invalid manifest: " + String.join("; ", problems));
    }
    try {
      return (JSON.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a manifest", e);
    }
  }

  /** Parses and checks a manifest; {@code where} names it in messages. */
  public static Manifest parse(byte[] json, String where) {
    Manifest manifest;
    try {
      manifest = JSON.readValue(json, Manifest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + " is not a readable manifest: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(where + " is not a readable manifest: " + e.getMessage(), e);
    }
    List<String> problems = problems(manifest);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(where + " is not a valid manifest: " + String.join("; ", problems));
    }
    return manifest;
  }

  /** The SHA-256 of a manifest's bytes, recorded by checkpoints to tie a run to its data. */
  public static String sha256(byte[] json) {
    return Sha256.hex(json);
  }

  /** A shard's location: absolute URIs as they are, relative paths against the manifest's directory. */
  public static String resolve(String manifestDir, String shardPath) {
    if (shardPath.contains("://") || shardPath.startsWith("/") || shardPath.startsWith("file:")) {
      return shardPath;
    }
    return manifestDir.endsWith("/") ? manifestDir + shardPath : manifestDir + "/" + shardPath;
  }

  static List<String> problems(Manifest m) {
    List<String> problems = new ArrayList<>();
    if (!Manifest.FORMAT.equals(m.format())) {
      problems.add("format is " + quoted(m.format()) + ", expected \"" + Manifest.FORMAT + "\"");
    }
    if (m.formatVersion() != Manifest.VERSION) {
      problems.add("format_version " + m.formatVersion() + " is not supported (this build reads " + Manifest.VERSION + ")");
    }
    if (m.seqLen() < 1) {
      problems.add("seq_len must be at least 1, got " + m.seqLen());
    }
    Manifest.Tokenizer t = m.tokenizer();
    if (t == null) {
      problems.add("tokenizer is missing");
    } else {
      if (t.vocabSize() < 1) {
        problems.add("tokenizer.vocab_size must be at least 1, got " + t.vocabSize());
      }
      if (t.eotId() < 0 || t.eotId() >= t.vocabSize()) {
        problems.add("tokenizer.eot_id " + t.eotId() + " is outside [0, vocab_size " + t.vocabSize() + ")");
      }
      if (t.sha256() == null || !t.sha256().matches("[0-9a-f]{64}")) {
        problems.add("tokenizer.sha256 must be 64 lower-case hex digits, got " + quoted(t.sha256()));
      }
    }
    if (m.totals() == null) {
      problems.add("totals is missing");
    }
    if (m.splits() == null || m.splits().isEmpty()) {
      problems.add("splits is missing or empty");
    } else {
      long allRows = 0;
      for (Map.Entry<String, Manifest.Split> e : m.splits().entrySet()) {
        allRows += checkSplit(e.getKey(), e.getValue(), problems);
      }
      if (m.totals() != null && m.totals().rows() != allRows) {
        problems.add("totals.rows is " + m.totals().rows() + " but the splits hold " + allRows + " rows");
      }
    }
    if (m.sources() != null && m.totals() != null) {
      checkSources(m.sources(), m.totals(), problems);
    }
    return problems;
  }

  private static long checkSplit(String name, Manifest.Split split, List<String> problems) {
    String at = "splits." + name;
    if (split == null || split.shards() == null) {
      problems.add(at + ".shards is missing");
      return 0;
    }
    long rows = 0;
    for (int i = 0; i < split.shards().size(); i++) {
      Manifest.Shard shard = split.shards().get(i);
      String shardAt = at + ".shards[" + i + "]";
      if (shard.path() == null || shard.path().isBlank()) {
        problems.add(shardAt + ".path is missing");
      }
      if (shard.rows() < 1) {
        problems.add(shardAt + ".rows must be at least 1, got " + shard.rows());
      }
      if (shard.sha256() == null || !shard.sha256().matches("[0-9a-f]{64}")) {
        problems.add(shardAt + ".sha256 must be 64 lower-case hex digits, got " + quoted(shard.sha256()));
      }
      rows += shard.rows();
    }
    if (rows != split.rows()) {
      problems.add(at + ".rows is " + split.rows() + " but its shards hold " + rows);
    }
    return rows;
  }

  /** A mix's sources account for every document and token of the shards, each once. */
  private static void checkSources(List<Manifest.Source> sources, Manifest.Totals totals, List<String> problems) {
    long documents = 0;
    long tokens = 0;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      Manifest.Source s = sources.get(i);
      if (s.name() == null || !names.add(s.name())) {
        problems.add("sources[" + i + "].name is missing or repeated: " + quoted(s.name()));
      }
      documents += s.documents();
      tokens += s.tokens();
    }
    if (tokens != totals.tokens()) {
      problems.add("sources hold " + tokens + " tokens but totals.tokens is " + totals.tokens());
    }
    if (documents != totals.documents() - totals.rejectedDocuments()) {
      problems.add("sources hold " + documents + " documents but totals hold " + totals.documents() + " of which "
          + totals.rejectedDocuments() + " rejected");
    }
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
