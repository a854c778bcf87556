package dev.pretrain.classify.fasttext;

/**
 * How a model computes a line's label scores.
 *
 * <p>{@link #EXACT} is fastText's order of operations: sum the line's input rows, divide by their
 * number, take dot products with the output rows, all in float. Its probabilities are fastText's
 * (FastTextIdentityTest: within the 6 digits fastText prints, on every fixture).
 *
 * <p>{@link #ROW_LABEL_SCORES} precomputes each input row's dot product with each output row when
 * the model loads ({@code rows * labels} floats), and sums those per line (in double): a few floats
 * read per feature instead of a whole row, which for a large model with few labels (a DCLM-style
 * quality classifier: 2 labels, 2M buckets) avoids most cache and TLB misses; see
 * docs/benchmarks.md for the speed. The scores are the same sums in another order, so they differ
 * from fastText's by float rounding, which grows with the line: probabilities within 3e-6 of
 * fastText's on the fixtures' lines under 2,000 bytes, 1e-5 on a 12,000-byte line. It applies to
 * softmax and hs models with at most dim / 4 labels; other models keep {@link #EXACT} (one-vs-all's
 * tabulated sigmoid jumps by up to 0.008 at its entry boundaries, so rounding must not move a score).
 */
public enum Scoring {
  EXACT,
  ROW_LABEL_SCORES
}
