package dev.pretrain.classify.fasttext;

import java.util.Arrays;

/**
 * Hierarchical softmax ({@code HierarchicalSoftmaxLoss}, loss.cc): labels are the leaves of a
 * Huffman tree built from their training counts, each inner node n has output row
 * {@code n - labels}, and going right at a node has probability {@code sigmoid(row . hidden)}. A
 * label's log-probability is the sum of {@code log(p + 1e-5)} along its path (so it is not exactly
 * the log of a product). Prediction is fastText's depth-first search: a branch is abandoned once
 * its score falls below {@code log(threshold + 1e-5)} (with threshold 0, below log 1e-5) or below
 * the worst of k labels already found.
 */
final class HierarchicalSoftmaxLayer implements OutputLayer {
  private final int labels;
  private final int[] left;
  private final int[] right;

  HierarchicalSoftmaxLayer(long[] counts) {
    this.labels = counts.length;
    int nodes = 2 * labels - 1;
    left = new int[nodes];
    right = new int[nodes];
    long[] count = new long[nodes];
    Arrays.fill(left, -1);
    Arrays.fill(right, -1);
    Arrays.fill(count, 1_000_000_000_000_000L); // fastText's 1e15 for nodes not yet built
    System.arraycopy(counts, 0, count, 0, labels);
    // HierarchicalSoftmaxLoss::buildTree: labels come sorted by decreasing count, so the two
    // smallest are taken from the end of the leaves or the front of the inner nodes built so far.
    int leaf = labels - 1;
    int node = labels;
    for (int i = labels; i < nodes; i++) {
      int first = leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++;
      int second = leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++;
      left[i] = first;
      right[i] = second;
      count[i] = count[first] + count[second];
    }
  }

  @Override
  public void predict(RowScores scores, int k, float threshold, TopK top, Scratch scratch) {
    search(k, OutputLayer.stdLog(threshold), 2 * labels - 2, 0f, top, scores);
    top.sort();
  }

  private void search(int k, float floor, int node, float score, TopK top, RowScores scores) {
    if (score < floor) {
      return;
    }
    if (top.size() == k && score < top.front()) {
      return;
    }
    if (left[node] == -1 && right[node] == -1) {
      top.push(score, node);
      if (top.size() > k) {
        top.pop();
      }
      return;
    }
    float f = scores.score(node - labels);
    // f = 1. / (1 + std::exp(-f)): exp and 1 + ... in float, the division in double.
    f = (float) (1.0 / (1f + (float) Math.exp(-f)));
    search(k, floor, left[node], score + OutputLayer.stdLog((float) (1.0 - f)), top, scores);
    search(k, floor, right[node], score + OutputLayer.stdLog(f), top, scores);
  }
}
