package dev.pretrain.classify.fasttext;

import java.util.List;

/** A line that {@code fasttext predict-prob} printed ({@code __label__a 0.75 __label__b 0.25}), compared with ours. */
public final class PredictProbLine {
  /** fastText prints 6 significant digits: probabilities within this of the printed ones match. */
  public static final double TOLERANCE = 1e-5;

  private PredictProbLine() {}

  /** Same labels in the same order, each probability within {@link #TOLERANCE} of the printed one. */
  public static boolean matches(String printed, List<Prediction> predictions) {
    String[] fields = printed.isEmpty() ? new String[0] : printed.split(" ");
    if (fields.length != 2 * predictions.size()) {
      return false;
    }
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      if (!fields[2 * i].equals(p.label())
          || Math.abs(Double.parseDouble(fields[2 * i + 1]) - p.probability()) > TOLERANCE) {
        return false;
      }
    }
    return true;
  }
}
