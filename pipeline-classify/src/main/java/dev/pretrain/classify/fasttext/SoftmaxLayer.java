package dev.pretrain.classify.fasttext;

/**
 * Softmax over the labels ({@code SoftmaxLoss::computeOutput}, loss.cc): scores are the dot
 * products with the output rows; the largest is subtracted before {@code exp} (taken in double,
 * stored in float), and the sum is accumulated in float, in label order.
 */
final class SoftmaxLayer implements OutputLayer {
  @Override
  public void predict(RowScores scores, int k, float threshold, TopK top, Scratch scratch) {
    float[] out = scratch.output;
    for (int i = 0; i < out.length; i++) {
      out[i] = scores.score(i);
    }
    float max = out[0];
    for (float v : out) {
      max = Math.max(v, max);
    }
    float z = 0f;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.exp(out[i] - max);
      z += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= z;
    }
    OutputLayer.findKBest(out, k, threshold, top);
    top.sort();
  }
}
