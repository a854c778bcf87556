package dev.pretrain.trainer.model;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GPT-2 model with an explicit forward and backward pass for one batch shape (B, T), llm.c style:
 * all parameters live in one flat vector θ ({@link #parameters()}) with a view per tensor, gradients in
 * a flat vector of the same layout, and every activation is allocated once, in one {@link Activations},
 * and reused by every step. The output layer is tied to the token embedding. The same forward, over
 * other activations, decodes with a key/value cache ({@link CachedDecoder}).
 */
public final class Gpt {

  /** GPT-2 initialisation (Radford et al. 2019; nanoGPT {@code _init_weights}): N(0, 0.02). */
  static final double INIT_STD = 0.02;

  private final GptConfig config;
  private final int batch;
  private final int seqLen;
  private final ParameterLayout layout;
  private final INDArray params;       // θ, flat
  private final INDArray grads;        // dLoss/dθ, flat, same layout
  private final ElementView gradsView;
  private final PhaseTimer timer = new PhaseTimer();
  private final Embedding embedding;
  private final Block[] blocks;
  private final LayerNorm lnF;
  private final INDArray wte;          // [Vp, C], also the output projection
  private final INDArray dWte;
  private final Activations activations;
  private final SoftmaxCrossEntropy loss;
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
    this.layout = new ParameterLayout(config);
    this.params = Nd4j.create(type, layout.size());
    this.grads = Nd4j.create(type, layout.size());
    this.gradsView = ElementView.of(grads);
    initialise(seed);
    this.wte = layout.view(params, "wte.weight");
    this.dWte = layout.view(grads, "wte.weight");
    this.embedding = new Embedding(wte, layout.view(params, "wpe.weight"), dWte, layout.view(grads, "wpe.weight"),
        config.vocabSize());
    this.blocks = new Block[config.nLayer()];
    for (int l = 0; l < blocks.length; l++) {
      blocks[l] = new Block(layout, params, grads, l, config, timer);
    }
    this.lnF = new LayerNorm(layout.view(params, "ln_f.weight"), layout.view(params, "ln_f.bias"),
        layout.view(grads, "ln_f.weight"), layout.view(grads, "ln_f.bias"), timer);
    this.activations = Activations.training(config, batch, seqLen, type);
    this.loss = new SoftmaxCrossEntropy(activations.logits.array(), config.vocabSize());
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

  /** Every activation buffer of a training step (what {@code MemoryEstimate} counts). */
  public Activations activations() {
    return activations;
  }

  /**
   * inputs and targets: [B*T] token ids, row b holding positions b*T..b*T+T-1. Returns the mean
   * cross-entropy and keeps the activations for {@link #backward()}.
   */
  public double forward(int[] inputs, int[] targets) {
    if (inputs.length != activations.tokens.length) {
      throw new IllegalArgumentException("expected " + activations.tokens.length + " input tokens (B=" + batch
          + " × T=" + seqLen + "), got " + inputs.length);
    }
    forward(activations, inputs, 0, 0, null);
    long t0 = System.nanoTime();
    double value = loss.forward(targets);
    timer.lap(Phase.LOSS, t0);
    forwardDone = true;
    return value;
  }

  /**
   * The forward pass, tokens to logits, over the rows of {@code a}: {@code tokens[from, from+N)} at
   * positions {@code first…}. Without caches (training) the rows are B sequences of T attending to each
   * other and ln_f and the logits cover every row; with one cache per block (decoding) they are one
   * sequence's next rows, attending to the cache and joining it, and ln_f and the logits cover the last.
   */
  void forward(Activations a, int[] tokens, int from, int first, CausalSelfAttention.KvCache[] caches) {
    long t0 = System.nanoTime();
    embedding.forward(tokens, from, first, a.dims.seqLen(), a.tokens, a.embedded);
    timer.lap(Phase.EMBEDDING, t0);
    for (int l = 0; l < blocks.length; l++) {
      blocks[l].forward(a.blocks[l], caches == null ? null : caches[l], first);
    }
    lnF.forward(a.lnFIn, a.lnF, a.lnFMean, a.lnFRstd);
    t0 = System.nanoTime();
    Nd4j.gemm(a.lnF.array(), wte, a.logits.array(), false, true, 1.0, 0.0);   // [N, C]·[Vp, C]ᵀ → [N, Vp]
    timer.lap(Phase.LOGITS, t0);
  }

  /**
   * Copies the next-token probabilities of row {@code position} of the last {@link #forward} (the
   * softmax over the V real tokens, which the loss leaves in the logits buffer) into {@code into[0..V)}.
   */
  public void probabilitiesAt(int position, double[] into) {
    if (!forwardDone) {
      throw new IllegalStateException("probabilities exist only between a forward() and its backward()");
    }
    int rows = activations.dims.rows();
    if (position < 0 || position >= rows || into.length < config.vocabSize()) {
      throw new IllegalArgumentException("position must be in [0, " + rows + ") and the array hold "
          + config.vocabSize() + " values, got position " + position + " and " + into.length + " values");
    }
    int base = position * config.paddedVocabSize();
    for (int j = 0; j < config.vocabSize(); j++) {
      into[j] = activations.logits.get(base + j);
    }
  }

  /** Adds dLoss/dθ of the last {@link #forward} into {@link #gradients()}. */
  public void backward() {
    if (!forwardDone) {
      throw new IllegalStateException("backward() needs a forward() first; each forward allows one backward");
    }
    forwardDone = false;
    Activations a = activations;
    long t0 = System.nanoTime();
    loss.backward();
    t0 = timer.lap(Phase.LOSS, t0);
    Nd4j.gemm(a.logits.array(), a.lnF.array(), dWte, true, false, 1.0, 1.0);   // dWte += dLogitsᵀ·x  [Vp, C]
    Nd4j.gemm(a.logits.array(), wte, a.dLnF.array(), false, false, 1.0, 0.0);  // dx = dLogits·wte   [N, C]
    t0 = timer.lap(Phase.LOGITS, t0);
    a.dResidual.fill(0.0);
    timer.lap(Phase.LAYER_NORM, t0);
    lnF.backward(a.lnFIn, a.lnFMean, a.lnFRstd, a.dLnF, a.dResidual);
    for (int l = blocks.length - 1; l >= 0; l--) {
      blocks[l].backward(a.blocks[l], a.dResidual);
    }
    t0 = System.nanoTime();
    embedding.backward(a.tokens, seqLen, a.dResidual);
    timer.lap(Phase.EMBEDDING, t0);
  }

  public void zeroGradients() {
    gradsView.fill(0.0);
  }
}
