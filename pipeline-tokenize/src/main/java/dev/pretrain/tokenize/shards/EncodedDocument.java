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
  final int source; // index into the mix's sources; 0 for a single input
  final int split; // index into TokenizeJob.SPLITS
  final int group;
  final byte[] tokens; // null for a reject
  final long textBytes;
  final String text; // only for a reject
  final String reason; // null unless a reject
  final String error; // the encoder's message, for a cannot-encode reject
  final String origin; // for the report's statistics: the document's source (a mix's source name), or null
  final String lang; // the document's language code, or null

  private EncodedDocument(String id, int source, int split, int group, byte[] tokens, long textBytes, String text,
      String reason, String error, String origin, String lang) {
    this.id = id;
    this.source = source;
    this.split = split;
    this.group = group;
    this.tokens = tokens;
    this.textBytes = textBytes;
    this.text = text;
    this.reason = reason;
    this.error = error;
    this.origin = origin;
    this.lang = lang;
  }

  static EncodedDocument encoded(String id, int source, int split, int group, byte[] tokens, long textBytes) {
    return encoded(id, source, split, group, tokens, textBytes, null, null);
  }

  /** @param origin the document's source for the report (a mix's source name), or null; @param lang its language, or null */
  static EncodedDocument encoded(String id, int source, int split, int group, byte[] tokens, long textBytes,
      String origin, String lang) {
    return new EncodedDocument(id, source, split, group, tokens, textBytes, null, null, null, origin, lang);
  }

  /**
   * Copy {@code copy} of this document for an upsampled source: copy 0 is the document itself; a
   * later copy is another document to packing, with its own id (led by a hash, so that copies do not
   * sit next to each other in a pack group's id order) and its own pack group. It stays in its
   * split, which follows the document's id: a repeated document never lands in both train and val.
   */
  EncodedDocument copy(int copy, int groups) {
    if (copy == 0) {
      return this;
    }
    String copyId = String.format("%016x/%s/%d", StableHash.ofId("mix-copy-" + copy, id), id, copy);
    return new EncodedDocument(copyId, source, split, StableHash.group(copyId, groups), tokens, textBytes, null, null,
        null, origin, lang);
  }

  /**
   * @param reason a stable label ({@code id-is-null}, {@code text-is-null}, {@code cannot-encode})
   * @param error the encoder's message, or null
   */
  static EncodedDocument rejected(String id, String text, String reason, String error) {
    return rejected(id, 0, text, reason, error);
  }

  static EncodedDocument rejected(String id, int source, String text, String reason, String error) {
    return new EncodedDocument(id, source, 0, 0, null, 0, text, reason, error, null, null);
  }

  boolean isReject() {
    return reason != null;
  }

  int tokenCount() {
    return tokens == null ? 0 : tokens.length / Integer.BYTES;
  }
}
