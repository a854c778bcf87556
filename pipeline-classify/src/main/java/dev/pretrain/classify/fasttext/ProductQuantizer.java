package dev.pretrain.classify.fasttext;

import java.util.Objects;

/**
 * fastText's product quantizer (productquantizer.cc): a vector of {@code dim} values is cut into
 * {@code nsubq} sub-vectors of {@code dsub} values, the last one {@code lastdsub} long (shorter
 * when dsub does not divide dim), and each sub-vector is stored as the index of one of 256
 * centroids. Centroids of sub-quantizer m lie at {@code (m * 256 + code) * dsub}, except the last
 * one's, at {@code m * 256 * dsub + code * lastdsub}.
 */
public final class ProductQuantizer {
  /** Centroids per sub-quantizer (fastText's {@code ksub_}): one byte of code. */
  public static final int CENTROIDS = 256;

  private final int dim;
  private final int nsubq;
  private final int dsub;
  private final int lastdsub;
  private final float[] centroids;

  /** Takes {@code centroids} ({@code dim * 256} floats) as it is: never to be changed afterwards. */
  public ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
    Objects.requireNonNull(centroids, "centroids");
    if (dim <= 0 || dsub <= 0) {
      throw new IllegalArgumentException("a product quantizer needs a positive dim and dsub, not " + dim + " and " + dsub);
    }
    int expectedNsubq = (dim + dsub - 1) / dsub;
    int expectedLast = dim % dsub == 0 ? dsub : dim % dsub;
    if (nsubq != expectedNsubq || lastdsub != expectedLast) {
      throw new IllegalArgumentException("dim " + dim + " in sub-vectors of " + dsub + " makes " + expectedNsubq
          + " sub-quantizers, the last of " + expectedLast + ", not " + nsubq + " and " + lastdsub);
    }
    if ((long) dim * CENTROIDS != centroids.length) {
      throw new IllegalArgumentException("dim " + dim + " needs " + (long) dim * CENTROIDS + " centroid values, not "
          + centroids.length);
    }
    this.dim = dim;
    this.nsubq = nsubq;
    this.dsub = dsub;
    this.lastdsub = lastdsub;
    this.centroids = centroids;
  }

  public int dim() {
    return dim;
  }

  public int subquantizers() {
    return nsubq;
  }

  public int subvectorSize() {
    return dsub;
  }

  public int lastSubvectorSize() {
    return lastdsub;
  }

  float[] centroids() {
    return centroids;
  }

  /** Where centroid {@code code} of sub-quantizer m starts ({@code get_centroids}). */
  int centroid(int m, int code) {
    return m == nsubq - 1 ? m * CENTROIDS * dsub + code * lastdsub : (m * CENTROIDS + code) * dsub;
  }

  /** {@code x += alpha * decoded row t} ({@code addcode}), each product in float as fastText rounds it. */
  void addCode(float[] x, byte[] codes, int t, float alpha) {
    int base = nsubq * t;
    for (int m = 0; m < nsubq; m++) {
      int c = centroid(m, codes[base + m] & 0xFF);
      int d = m == nsubq - 1 ? lastdsub : dsub;
      int offset = m * dsub;
      for (int n = 0; n < d; n++) {
        x[offset + n] += alpha * centroids[c + n];
      }
    }
  }

  /** {@code alpha * (x . decoded row t)} ({@code mulcode}), summed in order in float. */
  float mulCode(float[] x, byte[] codes, int t, float alpha) {
    float res = 0f;
    int base = nsubq * t;
    for (int m = 0; m < nsubq; m++) {
      int c = centroid(m, codes[base + m] & 0xFF);
      int d = m == nsubq - 1 ? lastdsub : dsub;
      int offset = m * dsub;
      for (int n = 0; n < d; n++) {
        res += x[offset + n] * centroids[c + n];
      }
    }
    return res * alpha;
  }
}
