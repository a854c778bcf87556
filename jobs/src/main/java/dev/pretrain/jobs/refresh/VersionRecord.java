package dev.pretrain.jobs.refresh;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code refresh.json} of a corpus version: what made it. The snapshot fingerprint is how a repeated
 * refresh of the same snapshot is recognised and skipped.
 *
 * @param previous the version it extends, null for the first
 * @param snapshotFingerprint SHA-256 over the snapshot's file listing (paths, sizes, modification times)
 * @param snapshotDocuments records read from the snapshot
 * @param newDocuments documents the version added (kept by curate and tokenized)
 * @param duplicatesOfPrevious snapshot documents dropped as copies of documents already in the corpus
 * @param corpusDocuments, corpusTokens, corpusRows the whole version, earlier ones included
 */
record VersionRecord(
    String version,
    String previous,
    @JsonProperty("snapshot_fingerprint") String snapshotFingerprint,
    List<String> inputs,
    String tokenizer,
    @JsonProperty("snapshot_documents") long snapshotDocuments,
    @JsonProperty("new_documents") long newDocuments,
    @JsonProperty("duplicates_of_previous") long duplicatesOfPrevious,
    @JsonProperty("new_tokens") long newTokens,
    @JsonProperty("corpus_documents") long corpusDocuments,
    @JsonProperty("corpus_tokens") long corpusTokens,
    @JsonProperty("corpus_rows") long corpusRows) {

  static final String FILE_NAME = "refresh.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static VersionRecord read(String file, Configuration hadoop) throws IOException {
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return JSON.readValue(in, VersionRecord.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(file + " is not a valid " + FILE_NAME + ": " + e.getOriginalMessage(), e);
    }
  }

  void write(String file, Configuration hadoop) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(hadoop);
    try (OutputStream out = fs.create(path, true)) {
      JSON.writeValue(out, this);
    }
  }
}
