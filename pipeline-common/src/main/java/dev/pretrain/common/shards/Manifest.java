package dev.pretrain.common.shards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a token dataset, written last: its presence means the dataset is
 * complete. Shard paths are relative to the manifest's directory, or absolute URIs (a refreshed
 * corpus lists the shards of earlier versions in place, without copying them).
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #VERSION}; readers refuse versions they do not know
 * @param seqLen tokens per training sequence; each row holds {@code seqLen + 1}
 * @param shuffleSeed seed of the global row shuffle
 * @param inputFingerprint identifies the input documents and settings (a refresh uses it to skip repeats)
 */
public record Manifest(
    String format,
    @JsonProperty("format_version") int formatVersion,
    Tokenizer tokenizer,
    @JsonProperty("seq_len") int seqLen,
    @JsonProperty("shuffle_seed") long shuffleSeed,
    @JsonProperty("input_fingerprint") String inputFingerprint,
    Totals totals,
    Map<String, Split> splits) {

  public static final String FORMAT = "pretrain-token-shards";
  public static final int VERSION = 1;
  public static final String FILE_NAME = "manifest.json";

  /**
   * @param source {@code tiktoken:NAME} or the tokenizer.json file name
   * @param sha256 of the tokenizer file (or of the tiktoken vocabulary)
   * @param vocabSize ids are in {@code [0, vocabSize)}
   * @param specialTokens special token text → id, e.g. {@code <|endoftext|>}
   * @param eotId the end-of-text id appended after every document
   * @param file the dataset's copy of the tokenizer.json, relative to the manifest's directory or an
   *     absolute URI; null for tiktoken vocabularies and for datasets written before datasets carried it
   */
  public record Tokenizer(
      String source,
      String sha256,
      @JsonProperty("vocab_size") int vocabSize,
      @JsonProperty("special_tokens") Map<String, Integer> specialTokens,
      @JsonProperty("eot_id") int eotId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String file) {}

  /**
   * @param droppedTokens tokens of the remainder that did not fill a last row
   * @param rejectedDocuments documents that failed to encode (written to rejects with a reason)
   */
  public record Totals(
      long documents,
      long tokens,
      long rows,
      @JsonProperty("dropped_tokens") long droppedTokens,
      @JsonProperty("rejected_documents") long rejectedDocuments) {}

  /** A split ({@code train}, {@code val}): its shards in {@code seq_idx} order. */
  public record Split(long documents, long rows, List<Shard> shards) {}

  /**
   * @param path relative to the manifest's directory, or an absolute URI
   * @param firstSeqIdx {@code seq_idx} of the shard's first row; rows follow consecutively
   */
  public record Shard(
      String path,
      long rows,
      @JsonProperty("first_seq_idx") long firstSeqIdx,
      String sha256) {}
}
