package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * One document after encoding, as the tokenize job caches it between its count and its pack
 * passes: its split, pack group and ids (end-of-text id appended, little-endian int32), or, for a
 * reject, its text, the reason (a stable label) and the encoder's message. A plain class, not a record: Kryo (the cluster serializer)
 * cannot set a record's final fields.
 */
final class EncodedDocument implements Serializable {
  private static final long serialVersionUID = 1L;

  final String id;
  final int split; // index into TokenizeJob.SPLITS
  final int group;
  final byte[] tokens; // null for a reject
  final long textBytes;
  final String text; // only for a reject
  final String reason; // null unless a reject
  final String error; // the encoder's message, for a cannot-encode reject

  private EncodedDocument(String id, int split, int group, byte[] tokens, long textBytes, String text, String reason,
      String error) {
    this.id = id;
    this.split = split;
    this.group = group;
    this.tokens = tokens;
    this.textBytes = textBytes;
    this.text = text;
    this.reason = reason;
    this.error = error;
  }

  static EncodedDocument encoded(String id, int split, int group, byte[] tokens, long textBytes) {
    return new EncodedDocument(id, split, group, tokens, textBytes, null, null, null);
  }

  /**
   * @param reason a stable label ({@code id-is-null}, {@code text-is-null}, {@code cannot-encode})
   * @param error the encoder's message, or null
   */
  static EncodedDocument rejected(String id, String text, String reason, String error) {
    return new EncodedDocument(id, 0, 0, null, 0, text, reason, error);
  }

  boolean isReject() {
    return reason != null;
  }

  int tokenCount() {
    return tokens == null ? 0 : tokens.length / Integer.BYTES;
  }
}
