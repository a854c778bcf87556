package dev.pretrain.classify.fasttext;

/**
 * fastText's tabulated sigmoid ({@code Loss::sigmoid}, loss.cc), used by one-vs-all and negative
 * sampling both in training and in prediction: 513 values over [-8, 8], looked up by truncating
 * {@code (x + 8) * 512 / 8 / 2}; 0 below -8 and 1 above 8. Every step is in float as fastText
 * computes it, so a score falls in the same table entry (one entry is ~0.008 of probability near 0.5).
 */
public final class SigmoidTable {
  private static final int SIZE = 512;
  private static final int MAX = 8;
  private static final float[] TABLE = new float[SIZE + 1];

  static {
    for (int i = 0; i <= SIZE; i++) {
      float x = (float) (i * 2 * MAX) / SIZE - MAX;
      // 1.0 / (1.0 + std::exp(-x)): exp of a float in float, the rest in double, stored as float.
      TABLE[i] = (float) (1.0 / (1.0 + (float) Math.exp(-x)));
    }
  }

  private SigmoidTable() {}

  public static float sigmoid(float x) {
    if (x < -MAX) {
      return 0f;
    } else if (x > MAX) {
      return 1f;
    }
    int i = (int) ((x + MAX) * SIZE / MAX / 2);
    return TABLE[i];
  }
}
