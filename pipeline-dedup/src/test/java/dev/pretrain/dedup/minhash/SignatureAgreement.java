package dev.pretrain.dedup.minhash;

/**
 * The MinHash estimator the tests check signatures with: the share of equal signature rows is an
 * unbiased estimate of the Jaccard similarity of the two shingle sets (Broder 1997). The job never
 * needs it (LSH bands and exact verification decide), so it lives with the tests.
 */
final class SignatureAgreement {
  private SignatureAgreement() {}

  static double estimatedJaccard(long[] x, long[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("signatures of different lengths: " + x.length + ", " + y.length);
    }
    int equal = 0;
    for (int j = 0; j < x.length; j++) {
      if (x[j] == y[j]) {
        equal++;
      }
    }
    return (double) equal / x.length;
  }
}
