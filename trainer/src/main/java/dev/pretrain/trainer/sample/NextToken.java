package dev.pretrain.trainer.sample;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from a probability row the way nanoGPT's {@code generate} does: divide the
 * logits by the temperature, keep the {@code topK} most likely tokens, sample from the softmax of what
 * is left. Works from probabilities: softmax(log p / τ) ∝ p^(1/τ). Temperature 0 means greedy (the
 * most likely token, the lowest id on a tie), which needs no random number.
 */
final class NextToken {
  private NextToken() {}

  /**
   * @param probabilities next-token probabilities; only ids {@code [0, candidates)} can be chosen
   * @param topK          at least 1; exactly this many candidates are kept (ties broken by lower id),
   *                      so top-k 1 is greedy
   */
  static int choose(double[] probabilities, int candidates, double temperature, int topK, Random random) {
    checkTemperature(temperature);
    checkTopK(topK);
    int greedy = 0;
    for (int i = 1; i < candidates; i++) {
      if (probabilities[i] > probabilities[greedy]) {
        greedy = i;
      }
    }
    if (temperature == 0 || topK == 1) {
      return greedy;
    }
    int[] kept = mostLikely(probabilities, candidates, Math.min(topK, candidates));
    double logMax = Math.log(probabilities[greedy]);
    double[] weights = new double[kept.length];
    double total = 0;
    for (int i = 0; i < kept.length; i++) {
      double p = probabilities[kept[i]];
      // p^(1/τ) scaled by p_max^(-1/τ) so the largest weight is 1 and nothing overflows.
      weights[i] = p > 0 ? Math.exp((Math.log(p) - logMax) / temperature) : 0;
      total += weights[i];
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < kept.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return kept[i];
      }
    }
    return kept[0];
  }

  static void checkTemperature(double temperature) {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a finite number ≥ 0 (0 = greedy), got " + temperature);
    }
  }

  static void checkTopK(int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("top-k must be at least 1 (1 = greedy; the vocabulary size keeps every"
          + " token), got " + topK);
    }
  }

  /** The {@code k} ids of highest probability, most likely first, ties to the lower id. */
  private static int[] mostLikely(double[] probabilities, int candidates, int k) {
    Integer[] ids = new Integer[candidates];
    for (int i = 0; i < candidates; i++) {
      ids[i] = i;
    }
    Arrays.sort(ids, (a, b) -> {
      int byProbability = Double.compare(probabilities[b], probabilities[a]);
      return byProbability != 0 ? byProbability : Integer.compare(a, b);
    });
    int[] top = new int[k];
    for (int i = 0; i < k; i++) {
      top[i] = ids[i];
    }
    return top;
  }
}
