package dev.pretrain.tokenize.shards;

import java.io.Serializable;
import java.util.Objects;

/**
 * Shuffle key of a document on its way to packing: (split, pack group) choose the task, and the
 * documents of a group arrive in id order; a hash of the ids orders documents that share an id,
 * so equal ids cannot make the order depend on the input's partitioning.
 */
final class PackKey implements Comparable<PackKey>, Serializable {
  private static final long serialVersionUID = 1L;

  final int split;
  final int group;
  final String id;
  final long idsHash;

  PackKey(int split, int group, String id, long idsHash) {
    this.split = split;
    this.group = group;
    this.id = id;
    this.idsHash = idsHash;
  }

  @Override
  public int compareTo(PackKey o) {
    int c = Integer.compare(split, o.split);
    if (c == 0) {
      c = Integer.compare(group, o.group);
    }
    if (c == 0) {
      c = id.compareTo(o.id);
    }
    return c != 0 ? c : Long.compare(idsHash, o.idsHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackKey k && compareTo(k) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(split, group, id, idsHash);
  }
}
