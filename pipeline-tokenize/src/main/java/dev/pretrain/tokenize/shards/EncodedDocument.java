package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * One document after encoding, as the tokenize job caches it between its count and its pack
 * passes: its split, pack group and ids (end-of-text id appended, little-endian int32), or, for a
 * reject, its text and the reason. A plain class, not a record: Kryo (the cluster serializer)
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

  private EncodedDocument(String id, int split, int group, byte[] tokens, long textBytes, String text, String reason) {
    this.id = id;
    this.split = split;
    this.group = group;
    this.tokens = tokens;
    this.textBytes = textBytes;
    this.text = text;
    this.reason = reason;
  }

  static EncodedDocument encoded(String id, int split, int group, byte[] tokens, long textBytes) {
    return new EncodedDocument(id, split, group, tokens, textBytes, null, null);
  }

  static EncodedDocument rejected(String id, String text, String reason) {
    return new EncodedDocument(id, 0, 0, null, 0, text, reason);
  }

  boolean isReject() {
    return reason != null;
  }

  int tokenCount() {
    return tokens == null ? 0 : tokens.length / Integer.BYTES;
  }
}
