package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * Documents and ids per source of a mix, and the rejects, summed over the encoded documents in
 * one pass: the measured token counts a {@link dev.pretrain.tokenize.mix.MixPlan} is made from.
 */
final class SourceTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] documents;
  private final long[] tokens;
  private long rejected;

  SourceTotals(int sources) {
    this.documents = new long[sources];
    this.tokens = new long[sources];
  }

  void add(EncodedDocument doc) {
    if (doc.isReject()) {
      rejected++;
      return;
    }
    documents[doc.source]++;
    tokens[doc.source] += doc.tokenCount();
  }

  SourceTotals merge(SourceTotals other) {
    for (int i = 0; i < documents.length; i++) {
      documents[i] += other.documents[i];
      tokens[i] += other.tokens[i];
    }
    rejected += other.rejected;
    return this;
  }

  long documents(int source) {
    return documents[source];
  }

  /** Per source, the ids of its encoded documents. */
  long[] tokens() {
    return tokens.clone();
  }

  long rejected() {
    return rejected;
  }

  /** Documents read, rejects included. */
  long all() {
    long all = rejected;
    for (long d : documents) {
      all += d;
    }
    return all;
  }
}
