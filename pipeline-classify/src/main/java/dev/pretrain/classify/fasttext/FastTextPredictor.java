package dev.pretrain.classify.fasttext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Predicts labels with a {@link FastTextModel} as fastText 0.9.2 does ({@code FastText::predictLine}
 * and {@code Model::predict}): the line's input rows ({@link LineFeatures}) are summed in order and
 * divided by their number, in float, the output rows' dot products with that average are the
 * scores, and the loss's output layer picks the k best labels. (A model with
 * {@link Scoring#ROW_LABEL_SCORES} sums precomputed per-row scores instead: the same scores up to
 * float rounding.)
 *
 * <p>Holds the buffers of one prediction, reused by the next: one predictor per thread (they are
 * cheap: a few arrays of the line's and the model's size). Nothing is allocated per token; per
 * call, only the returned list.
 */
public final class FastTextPredictor {
  private final FastTextModel model;
  private final FastTextDictionary dictionary;
  private final FastTextMatrix input;
  private final OutputLayer layer;
  private final RowLabelScores rowLabelScores;
  private final float[] labelScores;
  private final OutputLayer.RowScores fromHidden;
  private final OutputLayer.RowScores fromTable;
  private final LineFeatures features;
  private final float[] hidden;
  private final TopK top;
  private final OutputLayer.Scratch scratch;
  private byte[] utf8 = new byte[1024];

  FastTextPredictor(FastTextModel model) {
    this.model = model;
    this.dictionary = model.dictionary();
    this.input = model.input();
    this.layer = model.layer();
    this.rowLabelScores = model.rowLabelScores();
    FastTextMatrix output = model.output();
    this.features = new LineFeatures(dictionary, model.args());
    this.hidden = new float[model.args().dim()];
    this.top = new TopK(Math.min(dictionary.labelCount(), 16));
    this.scratch = new OutputLayer.Scratch(dictionary.labelCount());
    this.labelScores = new float[output.rows()];
    this.fromHidden = row -> output.dotRow(hidden, row);
    this.fromTable = row -> labelScores[row];
  }

  public FastTextModel model() {
    return model;
  }

  /**
   * The k most probable labels of one line of text, best first, with probabilities as fastText
   * prints them (see {@link Prediction}); labels under {@code threshold} are left out. This is
   * fastText's Python {@code predict(line, k, threshold)}: the line ends with an implicit newline
   * (its {@code </s>}), and it may hold none of its own, since fastText would stop reading at the
   * first. Prepare text as the model expects (DCLM and FineWeb replace newlines by spaces). As in
   * fastText, a literal {@code </s>} token also ends the line: what follows it is not read.
   *
   * @param k how many labels at most; -1 for all of them
   * @throws IllegalArgumentException when the line holds a newline, or k is neither positive nor -1
   */
  public List<Prediction> predict(CharSequence line, int k, float threshold) {
    int length = encode(line);
    return predict(utf8, 0, length, k, threshold);
  }

  /** {@link #predict(CharSequence, int, float)} over the UTF-8 bytes {@code text[from, to)}. */
  public List<Prediction> predict(byte[] text, int from, int to, int k, float threshold) {
    for (int i = from; i < to; i++) {
      if (text[i] == '\n') {
        throw new IllegalArgumentException("predict reads one line: the text holds a newline at byte " + (i - from)
            + " (fastText would stop there; replace newlines first)");
      }
    }
    int labels = labelsToKeep(k);
    features.read(text, from, to, true);
    return predictRows(labels, threshold);
  }

  /**
   * Predicts the next line of a text exactly as {@code fasttext predict-prob} does for a file:
   * reads {@code text[from, to)} up to and including the first {@code </s>} (a newline or the
   * literal token; a final line without a newline gets none), adds its predictions to {@code out}
   * (none when the line has no input row, where fastText prints an empty line) and returns where
   * the next line starts. Call it until it returns {@code to} to print what the command prints.
   */
  public int predictNextLine(byte[] text, int from, int to, int k, float threshold, List<Prediction> out) {
    int labels = labelsToKeep(k);
    int next = features.read(text, from, to, false);
    out.addAll(predictRows(labels, threshold));
    return next;
  }

  /** fastText's {@code Model::predict}: -1 for every label; anything else must be positive. */
  private int labelsToKeep(int k) {
    if (k == -1) {
      return dictionary.labelCount();
    }
    if (k <= 0) {
      throw new IllegalArgumentException("k needs to be 1 or higher (or -1 for every label), not " + k);
    }
    return k;
  }

  private List<Prediction> predictRows(int k, float threshold) {
    int n = features.rowCount();
    if (n == 0) {
      return List.of(); // FastText::predict returns nothing for a line without input rows
    }
    int[] rows = features.rows();
    float scale = (float) (1.0 / n); // Vector::mul(real): the double 1.0 / n passed as a float
    top.clear(k);
    if (rowLabelScores != null) {
      rowLabelScores.score(rows, n, scale, labelScores);
      layer.predict(fromTable, k, threshold, top, scratch);
    } else {
      Arrays.fill(hidden, 0f);
      for (int i = 0; i < n; i++) {
        input.addRowTo(hidden, rows[i]);
      }
      for (int j = 0; j < hidden.length; j++) {
        hidden[j] *= scale;
      }
      layer.predict(fromHidden, k, threshold, top, scratch);
    }
    List<Prediction> predictions = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      int label = top.label(i);
      predictions.add(new Prediction(dictionary.label(label), label, (float) Math.exp(top.score(i))));
    }
    return Collections.unmodifiableList(predictions);
  }

  /**
   * Writes the line's UTF-8 bytes into the reused buffer and returns their number. An unpaired
   * surrogate becomes {@code ?}, as {@code String.getBytes(UTF_8)} encodes it.
   */
  private int encode(CharSequence line) {
    int n = line.length();
    if (utf8.length < n * 3) {
      utf8 = new byte[Math.max(n * 3, utf8.length * 2)];
    }
    byte[] out = utf8;
    int j = 0;
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c < 0x80) {
        out[j++] = (byte) c;
      } else if (c < 0x800) {
        out[j++] = (byte) (0xC0 | (c >> 6));
        out[j++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        int cp = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(line.charAt(i + 1))
            ? Character.toCodePoint(c, line.charAt(++i)) : -1;
        if (cp < 0) {
          out[j++] = '?';
        } else {
          out[j++] = (byte) (0xF0 | (cp >> 18));
          out[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          out[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          out[j++] = (byte) (0x80 | (cp & 0x3F));
        }
      } else {
        out[j++] = (byte) (0xE0 | (c >> 12));
        out[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[j++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return j;
  }
}
