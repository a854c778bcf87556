package dev.pretrain.classify.fasttext;

/**
 * One independent sigmoid per label ({@code BinaryLogisticLoss::computeOutput}, loss.cc): how
 * one-vs-all and negative-sampling models predict. The probabilities need not sum to 1, and several
 * labels can have the same one, since the sigmoid is {@link SigmoidTable}'s.
 */
final class SigmoidLayer implements OutputLayer {
  @Override
  public void predict(RowScores scores, int k, float threshold, TopK top, Scratch scratch) {
    float[] out = scratch.output;
    for (int i = 0; i < out.length; i++) {
      out[i] = SigmoidTable.sigmoid(scores.score(i));
    }
    OutputLayer.findKBest(out, k, threshold, top);
    top.sort();
  }
}
