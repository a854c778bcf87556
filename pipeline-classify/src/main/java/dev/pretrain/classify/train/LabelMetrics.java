package dev.pretrain.classify.train;

/**
 * How well a classifier finds one label on held-out examples, by its top prediction.
 *
 * @param label the label, e.g. {@code __label__hq}
 * @param examples held-out examples whose true label this is
 * @param predicted held-out examples whose top prediction is this label
 * @param correct examples of this label predicted as this label
 */
public record LabelMetrics(String label, long examples, long predicted, long correct) {

  /** correct / predicted; 0 when nothing was predicted as this label. */
  public double precision() {
    return predicted == 0 ? 0 : (double) correct / predicted;
  }

  /** correct / examples; 0 without examples. */
  public double recall() {
    return examples == 0 ? 0 : (double) correct / examples;
  }

  /** The harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
