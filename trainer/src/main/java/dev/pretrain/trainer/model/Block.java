package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pre-LayerNorm transformer block (GPT-2): {@code x + attn(ln_1(x))}, then {@code + mlp(ln_2(·))}.
 * Activations are {@code [N = B*T, C]} matrices.
 */
final class Block {

  private final int length;            // N*C
  private final PhaseTimer timer;
  private final ElementView xView;     // [N, C] the block's input (the previous block's output)
  private final LayerNorm ln1;
  private final Linear qkv;            // [C, 3C]
  private final CausalSelfAttention attention;
  private final Linear attnProj;       // [C, C]
  private final INDArray residual;     // [N, C] x + attention branch
  private final ElementView residualView;
  private final LayerNorm ln2;
  private final Linear fc;             // [C, 4C]
  private final Gelu gelu;
  private final Linear mlpProj;        // [4C, C]
  final INDArray out;                  // [N, C]
  final ElementView outView;

  Block(ParameterLayout layout, INDArray params, INDArray grads, int layer, GptConfig config, int batch,
        int seqLen, ElementView input, PhaseTimer timer) {
    this.xView = input;
    String h = "h." + layer + ".";
    int rows = batch * seqLen;
    this.timer = timer;
    this.length = rows * config.nEmbd();
    this.ln1 = new LayerNorm(layout.view(params, h + "ln_1.weight"), layout.view(params, h + "ln_1.bias"),
        layout.view(grads, h + "ln_1.weight"), layout.view(grads, h + "ln_1.bias"), rows);
    this.qkv = linear(layout, params, grads, h + "attn.c_attn", rows);
    this.attention = new CausalSelfAttention(batch, seqLen, config.nHead(), config.nEmbd(), params.dataType());
    this.attnProj = linear(layout, params, grads, h + "attn.c_proj", rows);
    this.residual = Nd4j.create(params.dataType(), rows, config.nEmbd());
    this.residualView = ElementView.of(residual);
    this.ln2 = new LayerNorm(layout.view(params, h + "ln_2.weight"), layout.view(params, h + "ln_2.bias"),
        layout.view(grads, h + "ln_2.weight"), layout.view(grads, h + "ln_2.bias"), rows);
    this.fc = linear(layout, params, grads, h + "mlp.c_fc", rows);
    this.gelu = new Gelu(fc.out);
    this.mlpProj = linear(layout, params, grads, h + "mlp.c_proj", rows);
    this.out = Nd4j.create(params.dataType(), rows, config.nEmbd());
    this.outView = ElementView.of(out);
  }

  private static Linear linear(ParameterLayout layout, INDArray params, INDArray grads, String name, int rows) {
    return new Linear(layout.view(params, name + ".weight"), layout.view(params, name + ".bias"),
        layout.view(grads, name + ".weight"), layout.view(grads, name + ".bias"), rows);
  }

  /** x [N, C] (the input view given at construction) → out [N, C]. */
  void forward() {
    long t0 = System.nanoTime();
    ln1.forward(xView);
    t0 = timer.lap(Phase.LAYER_NORM, t0);
    qkv.forward(ln1.out);                                   // [N, C]·[C, 3C]
    t0 = timer.lap(Phase.LINEAR, t0);
    attention.forward(qkv.outView);                         // → [N, C]
    t0 = timer.lap(Phase.ATTENTION, t0);
    attnProj.forward(attention.out);                        // [N, C]·[C, C]
    t0 = timer.lap(Phase.LINEAR, t0);
    for (int i = 0; i < length; i++) {
      residualView.set(i, xView.get(i) + attnProj.outView.get(i));
    }
    t0 = timer.lap(Phase.RESIDUAL, t0);
    ln2.forward(residualView);
    t0 = timer.lap(Phase.LAYER_NORM, t0);
    fc.forward(ln2.out);                                    // [N, C]·[C, 4C]
    t0 = timer.lap(Phase.LINEAR, t0);
    gelu.forward(fc.outView);
    t0 = timer.lap(Phase.GELU, t0);
    mlpProj.forward(gelu.out);                              // [N, 4C]·[4C, C]
    t0 = timer.lap(Phase.LINEAR, t0);
    for (int i = 0; i < length; i++) {
      outView.set(i, residualView.get(i) + mlpProj.outView.get(i));
    }
    timer.lap(Phase.RESIDUAL, t0);
  }

  /**
   * dResidual [N, C] holds dLoss/dOut on entry and dLoss/dx on return (both residual branches add
   * into it in place).
   */
  void backward(INDArray dResidual, ElementView dResidualView) {
    long t0 = System.nanoTime();
    mlpProj.backward(gelu.out, dResidual, dResidualView);   // → [N, 4C]
    t0 = timer.lap(Phase.LINEAR, t0);
    gelu.backwardInPlace(fc.outView, mlpProj.dInView);
    t0 = timer.lap(Phase.GELU, t0);
    fc.backward(ln2.out, mlpProj.dIn, mlpProj.dInView);     // → [N, C]
    t0 = timer.lap(Phase.LINEAR, t0);
    ln2.backward(residualView, fc.dInView, dResidualView);
    t0 = timer.lap(Phase.LAYER_NORM, t0);
    attnProj.backward(attention.out, dResidual, dResidualView); // → [N, C]
    t0 = timer.lap(Phase.LINEAR, t0);
    attention.backward(attnProj.dInView);                   // → [N, 3C]
    t0 = timer.lap(Phase.ATTENTION, t0);
    qkv.backward(ln1.out, attention.dIn, attention.dInView);  // → [N, C]
    t0 = timer.lap(Phase.LINEAR, t0);
    ln1.backward(xView, qkv.dInView, dResidualView);
    timer.lap(Phase.LAYER_NORM, t0);
  }
}
