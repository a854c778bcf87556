package dev.pretrain.classify.fasttext;

/**
 * Where a hash bucket's features live in the input matrix ({@code Dictionary::pushHash}): row
 * {@code nwords + bucket} in a model that was not pruned; in a pruned one, the row the prune index
 * gives, and nowhere (the feature is dropped) for a bucket it does not list.
 */
final class BucketRows {
  private final int nwords;
  private final int bucket;
  private final IntIntMap pruned; // null: not pruned
  private final boolean allDropped;

  BucketRows(int nwords, int bucket, PruneIndex pruneIndex) {
    this.nwords = nwords;
    this.bucket = bucket;
    this.pruned = pruneIndex == null ? null : new IntIntMap(pruneIndex.buckets(), pruneIndex.rows());
    this.allDropped = pruneIndex != null && pruneIndex.size() == 0;
  }

  int bucket() {
    return bucket;
  }

  /** Adds the row of bucket {@code id} (in {@code [0, bucket)}), if the model kept it. */
  void add(int id, IntList out) {
    if (allDropped) {
      return;
    }
    if (pruned != null) {
      id = pruned.get(id);
      if (id < 0) {
        return;
      }
    }
    out.add(nwords + id);
  }
}
