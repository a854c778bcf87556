package dev.pretrain.classify.fasttext;

/**
 * How a loss turns a line's output-row scores (the dot products of its averaged input vector with
 * the output matrix's rows) into the k best labels (fastText's {@code Loss::predict}): each fills
 * {@code top} with (log-probability, label id) pairs, sorted best first. Immutable; the per-call
 * buffers come from the caller's {@link Scratch}.
 */
sealed interface OutputLayer permits SoftmaxLayer, SigmoidLayer, HierarchicalSoftmaxLayer {

  void predict(RowScores scores, int k, float threshold, TopK top, Scratch scratch);

  /** The score of output row i for the line being predicted. */
  interface RowScores {
    float score(int row);
  }

  /** Buffers one predicting thread reuses. */
  final class Scratch {
    final float[] output;

    Scratch(int labels) {
      output = new float[labels];
    }
  }

  /** fastText's {@code std_log}: {@code log(x + 1e-5)}, in double, returned as float. */
  static float stdLog(float x) {
    return (float) Math.log(x + 1e-5);
  }

  /**
   * fastText's {@code Loss::findKBest} over one probability per label: skips those below the
   * threshold, and those whose log would not enter a full heap.
   */
  static void findKBest(float[] output, int k, float threshold, TopK top) {
    for (int i = 0; i < output.length; i++) {
      if (output[i] < threshold) {
        continue;
      }
      float score = stdLog(output[i]);
      if (top.size() == k && score < top.front()) {
        continue;
      }
      top.push(score, i);
      if (top.size() > k) {
        top.pop();
      }
    }
  }
}
