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
 * @param sources for a weighted mix of inputs ({@code tokenize.mix}), what each source contributed; absent
 *     (null) for a single input and in manifests written before mixing existed
 */
public record Manifest(
    String format,
    @JsonProperty("format_version") int formatVersion,
    Tokenizer tokenizer,
    @JsonProperty("seq_len") int seqLen,
    @JsonProperty("shuffle_seed") long shuffleSeed,
    @JsonProperty("input_fingerprint") String inputFingerprint,
    Totals totals,
    Map<String, Split> splits,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Source> sources) {

  /** A manifest of a single input, without {@link #sources()}. */
  public Manifest(String format, int formatVersion, Tokenizer tokenizer, int seqLen, long shuffleSeed,
      String inputFingerprint, Totals totals, Map<String, Split> splits) {
    this(format, formatVersion, tokenizer, seqLen, shuffleSeed, inputFingerprint, totals, splits, null);
  }

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

  /**
   * One source of a weighted mix: what it held and what of it the shards hold. Its documents and
   * tokens sum, over the sources, to the shards' documents and {@code totals.tokens}.
   *
   * @param name the source's name in {@code tokenize.mix}
   * @param input the curate output it was read from
   * @param weight its weight as configured (shares are weights over their sum)
   * @param documents documents of the source in the shards, a repeated document counted once per copy
   * @param tokens their ids, one end-of-text id per document included
   * @param epochs {@code tokens / input_tokens}: above 1 the source was upsampled, below 1 downsampled
   * @param inputDocuments documents of the source that encoded (its rejects excluded)
   * @param inputTokens their ids
   */
  public record Source(
      String name,
      String input,
      double weight,
      long documents,
      long tokens,
      double epochs,
      @JsonProperty("input_documents") long inputDocuments,
      @JsonProperty("input_tokens") long inputTokens) {}
}
