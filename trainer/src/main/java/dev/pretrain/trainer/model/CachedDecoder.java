package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass for generation, batch 1, with a key/value cache: every token's keys and values are
 * kept per layer, so the prompt runs through the model once and each new token then costs one row
 * (its attention reads the cached keys and values) instead of a forward over the whole context. The
 * same math as {@link Gpt#forward} (shared LayerNorm and linear code), reading θ of the model it was
 * made from, so its next-token probabilities match a full forward over the same tokens to float
 * rounding.
 *
 * <p>Positions run from 0 to the block size − 1 (the position embedding's length). When the cache is
 * full the caller {@link #reset}s it and appends the context it wants to keep; the cached keys were
 * computed at their old positions, so they cannot slide.
 */
public final class CachedDecoder {

  private static final int ROW_GRAIN = 4;

  private final GptConfig config;
  private final DataType type;
  private final int channels;
  private final int heads;
  private final int headSize;
  private final double scale;
  private final ElementView wte;          // [Vp, C]
  private final INDArray wteMatrix;       // [Vp, C], the tied output projection
  private final ElementView wpe;          // [block, C]
  private final Layer[] layers;
  private final ElementView lnFWeight;
  private final ElementView lnFBias;
  private final Rows single;              // the buffers of a one-token append
  private Rows prefill;                   // the buffers of the last longer append
  private final INDArray lastNormed;      // [1, C] ln_f of the last appended row
  private final ElementView lastNormedView;
  private final INDArray logits;          // [1, Vp]
  private final ElementView logitsView;
  private final double[] scratchMean = new double[1];
  private final double[] scratchRstd = new double[1];
  private int length;

  /** One transformer block's weights (views into θ) and its cache. */
  private record Layer(ElementView ln1Weight, ElementView ln1Bias, INDArray qkvWeight, ElementView qkvBias,
                       INDArray projWeight, ElementView projBias, ElementView ln2Weight, ElementView ln2Bias,
                       INDArray fcWeight, ElementView fcBias, INDArray mlpWeight, ElementView mlpBias,
                       ElementView keys, ElementView values) {   // keys, values: [block, C], row = position
  }

  /** Activations of {@code n} rows appended together, [n, ·]. */
  private static final class Rows {
    final int n;
    final INDArray x;
    final INDArray normed;
    final INDArray qkv;
    final INDArray attended;
    final INDArray branch;
    final INDArray fc;
    final INDArray gelu;
    final ElementView xView;
    final ElementView normedView;
    final ElementView qkvView;
    final ElementView attendedView;
    final ElementView branchView;
    final ElementView fcView;
    final ElementView geluView;
    final double[] mean;
    final double[] rstd;

    Rows(DataType type, int n, int c) {
      this.n = n;
      x = Nd4j.create(type, n, c);
      normed = Nd4j.create(type, n, c);
      qkv = Nd4j.create(type, n, 3L * c);
      attended = Nd4j.create(type, n, c);
      branch = Nd4j.create(type, n, c);
      fc = Nd4j.create(type, n, 4L * c);
      gelu = Nd4j.create(type, n, 4L * c);
      xView = ElementView.of(x);
      normedView = ElementView.of(normed);
      qkvView = ElementView.of(qkv);
      attendedView = ElementView.of(attended);
      branchView = ElementView.of(branch);
      fcView = ElementView.of(fc);
      geluView = ElementView.of(gelu);
      mean = new double[n];
      rstd = new double[n];
    }
  }

  /** A decoder over the weights of {@code model} (shared, not copied: later changes to θ show). */
  public CachedDecoder(Gpt model) {
    this.config = model.config();
    INDArray params = model.parameters();
    ParameterLayout layout = model.layout();
    this.type = params.dataType();
    this.channels = config.nEmbd();
    this.heads = config.nHead();
    this.headSize = config.headSize();
    this.scale = 1.0 / Math.sqrt(headSize);
    this.wteMatrix = layout.view(params, "wte.weight");
    this.wte = ElementView.of(wteMatrix);
    this.wpe = ElementView.of(layout.view(params, "wpe.weight"));
    this.layers = new Layer[config.nLayer()];
    for (int l = 0; l < layers.length; l++) {
      String h = "h." + l + ".";
      layers[l] = new Layer(
          view(layout, params, h + "ln_1.weight"), view(layout, params, h + "ln_1.bias"),
          layout.view(params, h + "attn.c_attn.weight"), view(layout, params, h + "attn.c_attn.bias"),
          layout.view(params, h + "attn.c_proj.weight"), view(layout, params, h + "attn.c_proj.bias"),
          view(layout, params, h + "ln_2.weight"), view(layout, params, h + "ln_2.bias"),
          layout.view(params, h + "mlp.c_fc.weight"), view(layout, params, h + "mlp.c_fc.bias"),
          layout.view(params, h + "mlp.c_proj.weight"), view(layout, params, h + "mlp.c_proj.bias"),
          ElementView.of(Nd4j.create(type, config.blockSize(), channels)),
          ElementView.of(Nd4j.create(type, config.blockSize(), channels)));
    }
    this.lnFWeight = view(layout, params, "ln_f.weight");
    this.lnFBias = view(layout, params, "ln_f.bias");
    this.single = new Rows(type, 1, channels);
    this.lastNormed = Nd4j.create(type, 1, channels);
    this.lastNormedView = ElementView.of(lastNormed);
    this.logits = Nd4j.create(type, 1, config.paddedVocabSize());
    this.logitsView = ElementView.of(logits);
  }

  private static ElementView view(ParameterLayout layout, INDArray params, String name) {
    INDArray v = layout.view(params, name);
    return v == null ? null : ElementView.of(v);
  }

  public GptConfig config() {
    return config;
  }

  /** Tokens in the cache; the next one appended sits at this position. */
  public int length() {
    return length;
  }

  /** The most tokens the cache holds: the model's block size. */
  public int capacity() {
    return config.blockSize();
  }

  /** Empties the cache; the next token appended sits at position 0. */
  public void reset() {
    length = 0;
  }

  /**
   * Runs {@code tokens[from, from+count)} through the model at positions {@code length()…}, adding
   * their keys and values to the cache, and keeps the logits of the last of them.
   */
  public void append(int[] tokens, int from, int count) {
    if (count < 1 || from < 0 || from + count > tokens.length) {
      throw new IllegalArgumentException("need 1 or more tokens inside the array, got from " + from + " count "
          + count + " of " + tokens.length);
    }
    if (length + count > capacity()) {
      throw new IllegalStateException("the cache holds " + length + " of " + capacity() + " positions; " + count
          + " more do not fit: reset it and append the context to keep");
    }
    for (int i = from; i < from + count; i++) {
      if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
        throw new IllegalArgumentException("token " + tokens[i] + " at index " + i
            + " is outside the model's vocabulary [0, " + config.vocabSize() + ")");
      }
    }
    Rows rows = buffersFor(count);
    int c = channels;
    for (int i = 0; i < count; i++) {
      int token = tokens[from + i];
      int position = length + i;
      for (int j = 0; j < c; j++) {
        rows.xView.set(i * c + j, wte.get(token * c + j) + wpe.get(position * c + j));
      }
    }
    for (Layer layer : layers) {
      block(layer, rows);
    }
    length += count;
    LayerNorm.forwardRow(rows.xView, (count - 1) * c, c, lnFWeight, lnFBias, lastNormedView, 0, scratchMean,
        scratchRstd, 0);
    Nd4j.gemm(lastNormed, wteMatrix, logits, false, true, 1.0, 0.0);   // [1, C]·[Vp, C]ᵀ → [1, Vp]
  }

  /** The logits over the V real tokens after the last appended token. */
  public void logits(double[] into) {
    requireAppended();
    for (int j = 0; j < config.vocabSize(); j++) {
      into[j] = logitsView.get(j);
    }
  }

  /** Softmax of {@link #logits} over the V real tokens (the padding rows of the embedding excluded). */
  public void probabilities(double[] into) {
    logits(into);
    int v = config.vocabSize();
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < v; j++) {
      max = Math.max(max, into[j]);
    }
    double sum = 0;
    for (int j = 0; j < v; j++) {
      into[j] = Math.exp(into[j] - max);
      sum += into[j];
    }
    for (int j = 0; j < v; j++) {
      into[j] /= sum;
    }
  }

  private void requireAppended() {
    if (length == 0) {
      throw new IllegalStateException("no token appended since the cache was emptied");
    }
  }

  private Rows buffersFor(int n) {
    if (n == 1) {
      return single;
    }
    if (prefill == null || prefill.n != n) {
      prefill = new Rows(type, n, channels);
    }
    return prefill;
  }

  /** x [n, C] ← x + attn(ln_1(x)), then + mlp(ln_2(·)), for the rows at positions length()…. */
  private void block(Layer layer, Rows rows) {
    int c = channels;
    int n = rows.n;
    for (int r = 0; r < n; r++) {
      LayerNorm.forwardRow(rows.xView, r * c, c, layer.ln1Weight(), layer.ln1Bias(), rows.normedView, r * c,
          rows.mean, rows.rstd, r);
    }
    Linear.forward(rows.normed, layer.qkvWeight(), layer.qkvBias(), rows.qkv, rows.qkvView);   // [n, 3C]
    for (int r = 0; r < n; r++) {
      int position = length + r;
      for (int j = 0; j < c; j++) {
        layer.keys().set(position * c + j, rows.qkvView.get(r * 3 * c + c + j));
        layer.values().set(position * c + j, rows.qkvView.get(r * 3 * c + 2 * c + j));
      }
    }
    attend(layer, rows);
    Linear.forward(rows.attended, layer.projWeight(), layer.projBias(), rows.branch, rows.branchView);
    addInto(rows.xView, rows.branchView, n * c);
    for (int r = 0; r < n; r++) {
      LayerNorm.forwardRow(rows.xView, r * c, c, layer.ln2Weight(), layer.ln2Bias(), rows.normedView, r * c,
          rows.mean, rows.rstd, r);
    }
    Linear.forward(rows.normed, layer.fcWeight(), layer.fcBias(), rows.fc, rows.fcView);       // [n, 4C]
    for (int i = 0; i < n * 4 * c; i++) {
      rows.geluView.set(i, Gelu.of(rows.fcView.get(i)));
    }
    Linear.forward(rows.gelu, layer.mlpWeight(), layer.mlpBias(), rows.branch, rows.branchView);
    addInto(rows.xView, rows.branchView, n * c);
  }

  /**
   * attended [n, C]: per row (position p) and head, softmax(q·kₛ/√hs) over the cached positions s ≤ p,
   * applied to the cached values. Rows × heads are independent, so they are split over the cores.
   */
  private void attend(Layer layer, Rows rows) {
    int c = channels;
    int hs = headSize;
    int first = length;
    ElementView keys = layer.keys();
    ElementView values = layer.values();
    ParallelRanges.run(rows.n * heads, ROW_GRAIN, (fromItem, toItem) -> {
      double[] weights = new double[first + rows.n];
      double[] mixed = new double[hs];
      for (int item = fromItem; item < toItem; item++) {
        int r = item / heads;
        int h = item % heads;
        int position = first + r;
        int query = r * 3 * c + h * hs;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s <= position; s++) {
          double dot = 0;
          int key = s * c + h * hs;
          for (int d = 0; d < hs; d++) {
            dot += rows.qkvView.get(query + d) * keys.get(key + d);
          }
          weights[s] = dot * scale;
          max = Math.max(max, weights[s]);
        }
        double sum = 0;
        for (int s = 0; s <= position; s++) {
          weights[s] = Math.exp(weights[s] - max);
          sum += weights[s];
        }
        java.util.Arrays.fill(mixed, 0.0);
        for (int s = 0; s <= position; s++) {
          double w = weights[s] / sum;
          int value = s * c + h * hs;
          for (int d = 0; d < hs; d++) {
            mixed[d] += w * values.get(value + d);
          }
        }
        for (int d = 0; d < hs; d++) {
          rows.attendedView.set(r * c + h * hs + d, mixed[d]);
        }
      }
    });
  }

  private static void addInto(ElementView target, ElementView addend, int count) {
    for (int i = 0; i < count; i++) {
      target.set(i, target.get(i) + addend.get(i));
    }
  }
}
