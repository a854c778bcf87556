package dev.pretrain.trainer.model;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GPT-2 model with an explicit forward and backward pass for one batch shape (B, T), llm.c style:
 * all parameters live in one flat vector θ ({@link #parameters()}) with a view per tensor, gradients in
 * a flat vector of the same layout, and every activation is allocated once here and reused by every
 * step. The output layer is tied to the token embedding.
 */
public final class Gpt {

  /** GPT-2 initialisation (Radford et al. 2019; nanoGPT {@code _init_weights}): N(0, 0.02). */
  static final double INIT_STD = 0.02;

  private final GptConfig config;
  private final int batch;
  private final int seqLen;
  private final int rows;
  private final ParameterLayout layout;
  private final INDArray params;       // θ, flat
  private final INDArray grads;        // dLoss/dθ, flat, same layout
  private final ElementView gradsView;
  private final PhaseTimer timer = new PhaseTimer();
  private final Embedding embedding;
  private final Block[] blocks;
  private final ElementView lastBlockOut;  // [N, C]
  private final LayerNorm lnF;
  private final INDArray wte;          // [Vp, C], also the output projection
  private final INDArray dWte;
  private final INDArray logits;       // [N, Vp]: logits, then probabilities, then dLogits
  private final ElementView logitsView;
  private final SoftmaxCrossEntropy loss;
  private final INDArray dLnF;         // [N, C]
  private final ElementView dLnFView;
  private final INDArray dResidual;    // [N, C]
  private final ElementView dResidualView;
  private boolean forwardDone;

  /**
   * @param type FLOAT for training, DOUBLE for gradient checks
   * @param seed initial weights depend on this only: the same seed gives identical θ
   */
  public Gpt(GptConfig config, int batch, int seqLen, DataType type, long seed) {
    if (batch <= 0 || seqLen <= 0 || seqLen > config.blockSize()) {
      throw new IllegalArgumentException("batch must be positive and sequence length in [1, block size "
          + config.blockSize() + "], got B=" + batch + " T=" + seqLen);
    }
    if (type != DataType.FLOAT && type != DataType.DOUBLE) {
      throw new IllegalArgumentException("the model runs in FLOAT or DOUBLE, not " + type);
    }
    this.config = config;
    this.batch = batch;
    this.seqLen = seqLen;
    this.rows = Math.multiplyExact(batch, seqLen);
    this.layout = new ParameterLayout(config);
    this.params = Nd4j.create(type, layout.size());
    this.grads = Nd4j.create(type, layout.size());
    this.gradsView = ElementView.of(grads);
    initialise(seed);
    this.wte = layout.view(params, "wte.weight");
    this.dWte = layout.view(grads, "wte.weight");
    this.embedding = new Embedding(wte, layout.view(params, "wpe.weight"), dWte, layout.view(grads, "wpe.weight"),
        config.vocabSize(), batch, seqLen);
    this.blocks = new Block[config.nLayer()];
    ElementView input = ElementView.of(embedding.out);
    for (int l = 0; l < blocks.length; l++) {
      blocks[l] = new Block(layout, params, grads, l, config, batch, seqLen, input, timer);
      input = blocks[l].outView;
    }
    this.lastBlockOut = input;
    this.lnF = new LayerNorm(layout.view(params, "ln_f.weight"), layout.view(params, "ln_f.bias"),
        layout.view(grads, "ln_f.weight"), layout.view(grads, "ln_f.bias"), rows, timer);
    this.logits = Nd4j.create(type, rows, config.paddedVocabSize());
    this.logitsView = ElementView.of(logits);
    this.loss = new SoftmaxCrossEntropy(logits, config.vocabSize());
    this.dLnF = Nd4j.create(type, rows, config.nEmbd());
    this.dLnFView = ElementView.of(dLnF);
    this.dResidual = Nd4j.create(type, rows, config.nEmbd());
    this.dResidualView = ElementView.of(dResidual);
  }

  /** N(0, 0.02) weights, residual projections scaled by 1/√(2·n_layer) (GPT-2 §2.3), biases 0, LN weights 1. */
  private void initialise(long seed) {
    Random random = new Random(seed);
    ElementView theta = ElementView.of(params);
    double residualStd = INIT_STD / Math.sqrt(2.0 * config.nLayer());
    for (ParameterTensor t : layout.tensors()) {
      boolean layerNormWeight = t.name().endsWith("ln_1.weight") || t.name().endsWith("ln_2.weight")
          || t.name().equals("ln_f.weight");
      double std = t.name().endsWith("c_proj.weight") ? residualStd : INIT_STD;
      for (int i = t.offset(); i < t.offset() + t.length(); i++) {
        theta.set(i, t.matrix() ? random.nextGaussian() * std : layerNormWeight ? 1.0 : 0.0);
      }
    }
  }

  public GptConfig config() {
    return config;
  }

  public int batchSize() {
    return batch;
  }

  public int seqLen() {
    return seqLen;
  }

  public ParameterLayout layout() {
    return layout;
  }

  /** θ as one flat vector; writing into it changes the model. */
  public INDArray parameters() {
    return params;
  }

  /** dLoss/dθ as one flat vector in the layout of {@link #parameters()}. */
  public INDArray gradients() {
    return grads;
  }

  public PhaseTimer timer() {
    return timer;
  }

  /**
   * inputs and targets: [B*T] token ids, row b holding positions b*T..b*T+T-1. Returns the mean
   * cross-entropy and keeps the activations for {@link #backward()}.
   */
  public double forward(int[] inputs, int[] targets) {
    long t0 = System.nanoTime();
    embedding.forward(inputs);
    t0 = timer.lap(Phase.EMBEDDING, t0);
    for (Block block : blocks) {
      block.forward();
    }
    lnF.forward(lastBlockOut);
    t0 = System.nanoTime();
    Nd4j.gemm(lnF.out, wte, logits, false, true, 1.0, 0.0);   // [N, C]·[Vp, C]ᵀ → [N, Vp]
    t0 = timer.lap(Phase.LOGITS, t0);
    double value = loss.forward(targets);
    timer.lap(Phase.LOSS, t0);
    forwardDone = true;
    return value;
  }

  /**
   * Copies the next-token probabilities of row {@code position} of the last {@link #forward} (the
   * softmax over the V real tokens, which the loss leaves in the logits buffer) into {@code into[0..V)}.
   */
  public void probabilitiesAt(int position, double[] into) {
    if (!forwardDone) {
      throw new IllegalStateException("probabilities exist only between a forward() and its backward()");
    }
    if (position < 0 || position >= rows || into.length < config.vocabSize()) {
      throw new IllegalArgumentException("position must be in [0, " + rows + ") and the array hold "
          + config.vocabSize() + " values, got position " + position + " and " + into.length + " values");
    }
    int base = position * config.paddedVocabSize();
    for (int j = 0; j < config.vocabSize(); j++) {
      into[j] = logitsView.get(base + j);
    }
  }

  /** Adds dLoss/dθ of the last {@link #forward} into {@link #gradients()}. */
  public void backward() {
    if (!forwardDone) {
      throw new IllegalStateException("backward() needs a forward() first; each forward allows one backward");
    }
    forwardDone = false;
    long t0 = System.nanoTime();
    loss.backward();
    t0 = timer.lap(Phase.LOSS, t0);
    Nd4j.gemm(logits, lnF.out, dWte, true, false, 1.0, 1.0);   // dWte += dLogitsᵀ·x  [Vp, C]
    Nd4j.gemm(logits, wte, dLnF, false, false, 1.0, 0.0);      // dx = dLogits·wte   [N, C]
    t0 = timer.lap(Phase.LOGITS, t0);
    dResidualView.fill(0.0);
    timer.lap(Phase.LAYER_NORM, t0);
    lnF.backward(lastBlockOut, dLnFView, dResidualView);
    for (int l = blocks.length - 1; l >= 0; l--) {
      blocks[l].backward(dResidual, dResidualView);
    }
    t0 = System.nanoTime();
    embedding.backward(dResidualView);
    timer.lap(Phase.EMBEDDING, t0);
  }

  public void zeroGradients() {
    gradsView.fill(0.0);
  }
}
