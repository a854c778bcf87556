package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * Documents, ids and text bytes per (split, pack group), and the rejects: summed over the
 * encoded documents in one pass, they size every pack group before packing, so each row's
 * {@code seq_idx} is known when it is cut.
 */
final class GroupTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int groups;
  private final long[] documents;
  private final long[] tokens;
  private final long[] textBytes;
  private long rejected;

  GroupTotals(int groups) {
    this.groups = groups;
    int cells = TokenizeJob.SPLITS.size() * groups;
    this.documents = new long[cells];
    this.tokens = new long[cells];
    this.textBytes = new long[cells];
  }

  void add(EncodedDocument doc) {
    if (doc.isReject()) {
      rejected++;
      return;
    }
    int cell = doc.split * groups + doc.group;
    documents[cell]++;
    tokens[cell] += doc.tokenCount();
    textBytes[cell] += doc.textBytes;
  }

  GroupTotals merge(GroupTotals other) {
    for (int i = 0; i < documents.length; i++) {
      documents[i] += other.documents[i];
      tokens[i] += other.tokens[i];
      textBytes[i] += other.textBytes[i];
    }
    rejected += other.rejected;
    return this;
  }

  int groups() {
    return groups;
  }

  long tokens(int split, int group) {
    return tokens[split * groups + group];
  }

  long documents(int split) {
    return sum(documents, split);
  }

  long tokens(int split) {
    return sum(tokens, split);
  }

  long textBytes(int split) {
    return sum(textBytes, split);
  }

  long rejected() {
    return rejected;
  }

  private long sum(long[] values, int split) {
    long s = 0;
    for (int g = 0; g < groups; g++) {
      s += values[split * groups + g];
    }
    return s;
  }
}
