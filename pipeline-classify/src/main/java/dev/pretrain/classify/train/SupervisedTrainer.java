package dev.pretrain.classify.train;

import dev.pretrain.classify.fasttext.DenseMatrix;
import dev.pretrain.classify.fasttext.FastTextArgs;
import dev.pretrain.classify.fasttext.FastTextDictionary;
import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.LineFeatures;
import dev.pretrain.classify.fasttext.SigmoidTable;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * fastText's supervised training (fasttext.cc {@code trainThread}/{@code supervised}, model.cc
 * {@code Model::update}, loss.cc; fastText 0.9.2), on one thread.
 *
 * <ul>
 *   <li>Dictionary from the training lines ({@link TrainingDictionary}); the input matrix has a row
 *       per word and per hash bucket, initialized uniformly in [-1/dim, 1/dim]; the output matrix a
 *       row per label, zero.</li>
 *   <li>The lines are read in order, round and round, each parsed as fastText parses it
 *       ({@link LineFeatures}: words, subwords, hashed word n-grams) until {@code epoch} times the
 *       dictionary's token count has been read. The learning rate is {@code lr * (1 - done)}, with
 *       {@code done} the share of those tokens read, advanced every {@code lrUpdateRate} tokens.</li>
 *   <li>Per line with labels and features: the hidden vector is the average of its input rows (as in
 *       prediction); softmax draws one of the line's labels as the target and, for every label,
 *       adds {@code lr * (target - p)} times the hidden vector to the label's output row, after
 *       adding the same multiple of that row to the gradient; one-vs-all does the same with each
 *       label's sigmoid (fastText's 512-entry table) and every label of the line as a target. The
 *       gradient divided by the number of rows is added to every input row of the line.</li>
 * </ul>
 *
 * <p>Deterministic for a given seed and line order: fastText's threads update the shared matrices
 * without locks (Hogwild), so its results vary from run to run; this trainer runs on one thread and
 * draws from one seeded generator, so the same lines and options give the same bytes.
 */
public final class SupervisedTrainer {
  /** How often, at most, progress is reported within an epoch. */
  private static final long REPORT_EVERY_NANOS = 10_000_000_000L;

  private final SupervisedOptions options;
  private final Consumer<TrainingProgress> progress;

  public SupervisedTrainer(SupervisedOptions options, Consumer<TrainingProgress> progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * Trains on {@code lines}, each one example in fastText's training format (its labels as
   * {@code __label__} tokens, its text on one line, UTF-8), in the order given.
   *
   * @throws IllegalArgumentException when the lines hold no label or no word, or the matrices would
   *     not fit in a Java array
   */
  public FastTextModel train(List<byte[]> lines) {
    FastTextArgs args = options.args();
    FastTextDictionary dictionary = TrainingDictionary.build(lines, args);
    if (dictionary.labelCount() == 0) {
      throw new IllegalArgumentException("the training lines name no __label__");
    }
    if (dictionary.wordCount() <= 1) { // </s> alone
      throw new IllegalArgumentException("the training lines hold no word seen at least minCount ("
          + args.minCount() + ") times");
    }
    int dim = args.dim();
    long inputRows = (long) dictionary.wordCount() + args.bucket();
    if (inputRows * dim > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the input matrix of " + dictionary.wordCount() + " words and "
          + args.bucket() + " buckets of dim " + dim + " exceeds 2^31 floats: lower bucket or dim");
    }
    int labels = dictionary.labelCount();
    SplittableRandom random = new SplittableRandom(options.seed());
    float[] input = new float[(int) (inputRows * dim)];
    double bound = 1.0 / dim;
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) (random.nextDouble() * 2 * bound - bound);
    }
    float[] output = new float[labels * dim];

    Update update = new Update(input, output, dim, labels, options.loss());
    LineFeatures features = new LineFeatures(dictionary, args);
    long tokensPerEpoch = dictionary.tokenCount();
    long allTokens = tokensPerEpoch * args.epoch();
    long tokens = 0;
    long pending = 0;
    long linesRead = 0;
    double lossSum = 0;
    long lossLines = 0;
    long started = System.nanoTime();
    long reported = started;
    long epochsReported = 0;
    int index = 0;
    int position = 0;
    while (tokens < allTokens) {
      float lr = (float) (options.lr() * (1.0 - (double) tokens / allTokens));
      byte[] line = lines.get(index);
      position = features.read(line, position, line.length, true);
      if (position >= line.length) {
        position = 0;
        index = (index + 1) % lines.size();
      }
      pending += features.tokenCount();
      linesRead++;
      int[] lineLabels = features.labels();
      if (lineLabels.length > 0 && features.rowCount() > 0) {
        int target = lineLabels[random.nextInt(lineLabels.length)];
        lossSum += update.apply(features.rows(), features.rowCount(), target, lineLabels, lr);
        lossLines++;
      }
      if (pending > options.lrUpdateRate()) {
        tokens += pending;
        pending = 0;
        long now = System.nanoTime();
        long epochs = tokens / tokensPerEpoch;
        if (epochs > epochsReported || now - reported >= REPORT_EVERY_NANOS || tokens >= allTokens) {
          progress.accept(new TrainingProgress(Math.min(1.0, (double) tokens / allTokens),
              (double) tokens / tokensPerEpoch, linesRead, linesRead / ((now - started) / 1e9),
              lossLines == 0 ? 0 : lossSum / lossLines, lr));
          epochsReported = epochs;
          reported = now;
          lossSum = 0;
          lossLines = 0;
        }
      }
    }
    return new FastTextModel(args, dictionary, new DenseMatrix((int) inputRows, dim, input),
        new DenseMatrix(labels, dim, output));
  }

  /** One SGD step's buffers and arithmetic, fastText's {@code Model::update} with its loss. */
  private static final class Update {
    private final float[] input;
    private final float[] output;
    private final int dim;
    private final int labels;
    private final SupervisedOptions.ClassifierLoss loss;
    private final float[] hidden;
    private final float[] grad;
    private final float[] scores;

    Update(float[] input, float[] output, int dim, int labels, SupervisedOptions.ClassifierLoss loss) {
      this.input = input;
      this.output = output;
      this.dim = dim;
      this.labels = labels;
      this.loss = loss;
      this.hidden = new float[dim];
      this.grad = new float[dim];
      this.scores = new float[labels];
    }

    /** Updates both matrices for one line; returns its loss. */
    double apply(int[] rows, int rowCount, int target, int[] lineLabels, float lr) {
      java.util.Arrays.fill(hidden, 0f);
      for (int r = 0; r < rowCount; r++) {
        int offset = rows[r] * dim;
        for (int j = 0; j < dim; j++) {
          hidden[j] += input[offset + j];
        }
      }
      float scale = (float) (1.0 / rowCount);
      for (int j = 0; j < dim; j++) {
        hidden[j] *= scale;
      }
      java.util.Arrays.fill(grad, 0f);
      double lineLoss = loss == SupervisedOptions.ClassifierLoss.SOFTMAX ? softmax(target, lr) : oneVsAll(lineLabels, lr);
      for (int j = 0; j < dim; j++) {
        grad[j] *= scale;
      }
      for (int r = 0; r < rowCount; r++) {
        int offset = rows[r] * dim;
        for (int j = 0; j < dim; j++) {
          input[offset + j] += grad[j];
        }
      }
      return lineLoss;
    }

    private double softmax(int target, float lr) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < labels; i++) {
        scores[i] = dot(i);
        max = Math.max(max, scores[i]);
      }
      float z = 0f;
      for (int i = 0; i < labels; i++) {
        scores[i] = (float) Math.exp(scores[i] - max);
        z += scores[i];
      }
      for (int i = 0; i < labels; i++) {
        scores[i] /= z;
      }
      for (int i = 0; i < labels; i++) {
        step(i, lr * ((i == target ? 1f : 0f) - scores[i]));
      }
      return -Math.log(scores[target] + 1e-5);
    }

    private double oneVsAll(int[] lineLabels, float lr) {
      double lineLoss = 0;
      for (int i = 0; i < labels; i++) {
        boolean positive = contains(lineLabels, i);
        float score = SigmoidTable.sigmoid(dot(i));
        step(i, lr * ((positive ? 1f : 0f) - score));
        lineLoss -= Math.log((positive ? score : 1f - score) + 1e-5);
      }
      return lineLoss;
    }

    /** The gradient takes the label's row before the row moves ({@code grad.addRow} before {@code addVectorToRow}). */
    private void step(int label, float alpha) {
      int offset = label * dim;
      for (int j = 0; j < dim; j++) {
        grad[j] += alpha * output[offset + j];
      }
      for (int j = 0; j < dim; j++) {
        output[offset + j] += alpha * hidden[j];
      }
    }

    private float dot(int label) {
      int offset = label * dim;
      float d = 0f;
      for (int j = 0; j < dim; j++) {
        d += output[offset + j] * hidden[j];
      }
      return d;
    }

    private static boolean contains(int[] values, int v) {
      for (int x : values) {
        if (x == v) {
          return true;
        }
      }
      return false;
    }
  }
}
