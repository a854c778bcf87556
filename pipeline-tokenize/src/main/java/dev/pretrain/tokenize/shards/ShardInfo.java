package dev.pretrain.tokenize.shards;

import java.io.Serializable;
import java.util.Objects;

/**
 * A written shard as the manifest lists it; {@code path} is relative to the dataset directory.
 * A plain class, not a record: task results go through the cluster's serializer, and Kryo
 * cannot build a record (it fails with "Unable to create serializer ... FieldSerializer").
 */
final class ShardInfo implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String split;
  private final String path;
  private final long rows;
  private final long firstSeqIdx;
  private final String sha256;

  ShardInfo(String split, String path, long rows, long firstSeqIdx, String sha256) {
    this.split = split;
    this.path = path;
    this.rows = rows;
    this.firstSeqIdx = firstSeqIdx;
    this.sha256 = sha256;
  }

  String split() {
    return split;
  }

  String path() {
    return path;
  }

  long rows() {
    return rows;
  }

  long firstSeqIdx() {
    return firstSeqIdx;
  }

  String sha256() {
    return sha256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardInfo i && i.split.equals(split) && i.path.equals(path) && i.rows == rows
        && i.firstSeqIdx == firstSeqIdx && i.sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(split, path, rows, firstSeqIdx, sha256);
  }

  @Override
  public String toString() {
    return path + " (" + rows + " rows from seq_idx " + firstSeqIdx + ")";
  }
}
