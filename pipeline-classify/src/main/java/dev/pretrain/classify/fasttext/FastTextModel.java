package dev.pretrain.classify.fasttext;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A supervised fastText model: its arguments, dictionary, input matrix (a row per word and per
 * hash bucket) and output matrix (a row per label, or per inner node of the label tree for hs), as
 * a {@code .bin} or {@code .ftz} file holds them ({@link FastTextReader}, {@link FastTextWriter}).
 *
 * <p>Immutable, and safe to share between threads: one copy per JVM serves every task
 * ({@link FastTextModels#shared}). Predicting needs per-thread buffers: {@link #predict} takes the
 * calling thread's own {@link FastTextPredictor}; {@link #predictor()} makes one to hold.
 */
public final class FastTextModel {
  private final FastTextArgs args;
  private final FastTextDictionary dictionary;
  private final FastTextMatrix input;
  private final FastTextMatrix output;
  private final OutputLayer layer;
  private final RowLabelScores rowLabelScores; // null: predict through the averaged vector
  private final ThreadLocal<FastTextPredictor> predictors = ThreadLocal.withInitial(this::predictor);

  /**
   * A model of these parts, which must fit together as fastText's own files do.
   *
   * @throws IllegalArgumentException when they do not: not a supervised model, no label, a
   *     matrix of the wrong shape (the input needs a row per word and per bucket, or per kept bucket
   *     of a pruned dictionary; the output a row per label; both {@code dim} columns), a pruned
   *     dictionary with a dense input (fastText refuses those), or a quantized output with a dense input
   *     (the file format cannot say so)
   */
  public FastTextModel(FastTextArgs args, FastTextDictionary dictionary, FastTextMatrix input, FastTextMatrix output) {
    this(args, dictionary, input, output, false);
  }

  /**
   * With {@code rowLabelScores}, predicts from each input row's precomputed label scores
   * ({@link Scoring#ROW_LABEL_SCORES}, whatever the model's shape: tests use it on small models);
   * without, through the averaged vector exactly as fastText does.
   */
  FastTextModel(FastTextArgs args, FastTextDictionary dictionary, FastTextMatrix input, FastTextMatrix output,
      boolean rowLabelScores) {
    this.args = Objects.requireNonNull(args, "args");
    this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
    if (args.model() != ModelKind.SUPERVISED) {
      throw new IllegalArgumentException("a " + args.model().command() + " model holds word vectors, not a classifier:"
          + " it cannot predict labels (train one with fasttext supervised)");
    }
    if (dictionary.labelCount() == 0) {
      throw new IllegalArgumentException("the dictionary has no label");
    }
    Optional<PruneIndex> pruned = dictionary.pruneIndex();
    long inputRows = (long) dictionary.wordCount() + pruned.map(PruneIndex::size).orElse(args.bucket());
    if (input.rows() != inputRows || input.cols() != args.dim()) {
      throw new IllegalArgumentException("the input matrix is " + input.rows() + " x " + input.cols() + ", not "
          + inputRows + " x " + args.dim() + " (" + dictionary.wordCount() + " words and "
          + (pruned.isPresent() ? pruned.get().size() + " kept buckets" : args.bucket() + " buckets") + " of dim "
          + args.dim() + ")");
    }
    if (output.rows() != dictionary.labelCount() || output.cols() != args.dim()) {
      throw new IllegalArgumentException("the output matrix is " + output.rows() + " x " + output.cols() + ", not "
          + dictionary.labelCount() + " x " + args.dim() + " (" + dictionary.labelCount() + " labels of dim "
          + args.dim() + ")");
    }
    if (pruned.isPresent() && input instanceof DenseMatrix) {
      throw new IllegalArgumentException("a pruned dictionary with a dense input matrix: fastText refuses such files"
          + " (fastText issue #332; pruning comes with quantization)");
    }
    if (output instanceof QuantizedMatrix && input instanceof DenseMatrix) {
      throw new IllegalArgumentException("a quantized output matrix needs a quantized input matrix");
    }
    this.layer = switch (args.loss()) {
      case SOFTMAX -> new SoftmaxLayer();
      case ONE_VS_ALL, NEGATIVE_SAMPLING -> new SigmoidLayer();
      case HIERARCHICAL_SOFTMAX -> new HierarchicalSoftmaxLayer(dictionary.labelCounts());
    };
    if (rowLabelScores && (args.loss() == Loss.ONE_VS_ALL || args.loss() == Loss.NEGATIVE_SAMPLING)) {
      throw new IllegalArgumentException("one-vs-all and ns predict through the averaged vector only (see RowLabelScores)");
    }
    this.rowLabelScores = rowLabelScores ? RowLabelScores.of(input, output) : null;
  }

  public FastTextArgs args() {
    return args;
  }

  public FastTextDictionary dictionary() {
    return dictionary;
  }

  public FastTextMatrix input() {
    return input;
  }

  public FastTextMatrix output() {
    return output;
  }

  /** The labels in label-id order, as the model names them ({@code __label__en}). */
  public List<String> labels() {
    return dictionary.labels();
  }

  /** Whether the input matrix is product-quantized (a {@code .ftz} file). */
  public boolean isQuantized() {
    return input instanceof QuantizedMatrix;
  }

  /** How this model computes label scores. */
  public Scoring scoring() {
    return rowLabelScores == null ? Scoring.EXACT : Scoring.ROW_LABEL_SCORES;
  }

  /**
   * This model computing its scores the given way: itself if it already does, or if
   * {@link Scoring#ROW_LABEL_SCORES} does not apply to it (see there); else a model sharing this
   * one's dictionary and matrices, with its per-row label scores computed now.
   */
  public FastTextModel withScoring(Scoring scoring) {
    if (scoring == scoring() || (scoring == Scoring.ROW_LABEL_SCORES
        && !RowLabelScores.applies(args.loss(), input.rows(), args.dim(), output.rows()))) {
      return this;
    }
    return new FastTextModel(args, dictionary, input, output, scoring == Scoring.ROW_LABEL_SCORES);
  }

  /** A predictor with its own buffers, for one thread at a time. */
  public FastTextPredictor predictor() {
    return new FastTextPredictor(this);
  }

  /**
   * The k most probable labels of one line of text, best first, as fastText's Python
   * {@code predict(line, k, threshold)} gives them (see {@link FastTextPredictor#predict(CharSequence, int, float)}),
   * with the calling thread's predictor.
   */
  public List<Prediction> predict(CharSequence line, int k, float threshold) {
    return predictors.get().predict(line, k, threshold);
  }

  OutputLayer layer() {
    return layer;
  }

  RowLabelScores rowLabelScores() {
    return rowLabelScores;
  }
}
