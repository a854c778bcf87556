package dev.pretrain.classify.train;

import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextPredictor;
import dev.pretrain.classify.fasttext.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * Precision, recall and F1 per label of a model on held-out examples, each judged by its top
 * prediction (fastText's {@code predict} with k 1, threshold 0); an example the model predicts
 * nothing for (no known word, no bucket) counts against its label's recall.
 */
public final class HeldOutEvaluation {
  private HeldOutEvaluation() {}

  /** A held-out example: its prepared text and its true label. */
  public record Example(String text, String label) {}

  /** One {@link LabelMetrics} per label of the model, in the model's label order. */
  public static List<LabelMetrics> evaluate(FastTextModel model, List<Example> examples) {
    List<String> labels = model.labels();
    long[] truth = new long[labels.size()];
    long[] predicted = new long[labels.size()];
    long[] correct = new long[labels.size()];
    FastTextPredictor predictor = model.predictor();
    for (Example example : examples) {
      int actual = labels.indexOf(example.label());
      if (actual < 0) {
        throw new IllegalArgumentException("held-out label " + example.label() + " is not one of the model's " + labels);
      }
      truth[actual]++;
      List<Prediction> top = predictor.predict(example.text(), 1, 0f);
      if (!top.isEmpty()) {
        int guess = top.get(0).labelId();
        predicted[guess]++;
        if (guess == actual) {
          correct[guess]++;
        }
      }
    }
    List<LabelMetrics> metrics = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      metrics.add(new LabelMetrics(labels.get(i), truth[i], predicted[i], correct[i]));
    }
    return metrics;
  }
}
