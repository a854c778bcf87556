package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pre-LayerNorm transformer block (GPT-2): {@code x + attn(ln_1(x))}, then {@code + mlp(ln_2(·))}.
 * Activations are {@code [N = B*T, C]} matrices. Each layer adds its own time to the model's
 * {@link PhaseTimer}, so forward and backward below are just the sequence of layers.
 */
final class Block {

  private final ElementView x;          // [N, C] the block's input (the previous block's output)
  private final LayerNorm ln1;
  private final Linear qkv;             // [C, 3C]
  private final CausalSelfAttention attention;
  private final Linear attnProj;        // [C, C]
  private final Residual residual1;     // [N, C] x + attention branch
  private final LayerNorm ln2;
  private final Linear fc;              // [C, 4C]
  private final Gelu gelu;
  private final Linear mlpProj;         // [4C, C]
  private final Residual residual2;     // [N, C] the block's output
  final INDArray out;                   // [N, C]
  final ElementView outView;

  Block(ParameterLayout layout, INDArray params, INDArray grads, int layer, GptConfig config, int batch,
        int seqLen, ElementView input, PhaseTimer timer) {
    this.x = input;
    String h = "h." + layer + ".";
    int rows = batch * seqLen;
    this.ln1 = layerNorm(layout, params, grads, h + "ln_1", rows, timer);
    this.qkv = linear(layout, params, grads, h + "attn.c_attn", rows, timer);
    this.attention = new CausalSelfAttention(batch, seqLen, config.nHead(), config.nEmbd(), params.dataType(), timer);
    this.attnProj = linear(layout, params, grads, h + "attn.c_proj", rows, timer);
    this.residual1 = new Residual(attnProj.out, timer);
    this.ln2 = layerNorm(layout, params, grads, h + "ln_2", rows, timer);
    this.fc = linear(layout, params, grads, h + "mlp.c_fc", rows, timer);
    this.gelu = new Gelu(fc.out, timer);
    this.mlpProj = linear(layout, params, grads, h + "mlp.c_proj", rows, timer);
    this.residual2 = new Residual(mlpProj.out, timer);
    this.out = residual2.out;
    this.outView = residual2.outView;
  }

  private static LayerNorm layerNorm(ParameterLayout layout, INDArray params, INDArray grads, String name, int rows,
                                     PhaseTimer timer) {
    return new LayerNorm(layout.view(params, name + ".weight"), layout.view(params, name + ".bias"),
        layout.view(grads, name + ".weight"), layout.view(grads, name + ".bias"), rows, timer);
  }

  private static Linear linear(ParameterLayout layout, INDArray params, INDArray grads, String name, int rows,
                               PhaseTimer timer) {
    return new Linear(layout.view(params, name + ".weight"), layout.view(params, name + ".bias"),
        layout.view(grads, name + ".weight"), layout.view(grads, name + ".bias"), rows, timer);
  }

  /** x [N, C] (the input view given at construction) → out [N, C]. */
  void forward() {
    ln1.forward(x);                                   // [N, C]
    qkv.forward(ln1.out);                             // [N, C]·[C, 3C] → [N, 3C]
    attention.forward(qkv.outView);                   // → [N, C]
    attnProj.forward(attention.out);                  // [N, C]·[C, C] → [N, C]
    residual1.forward(x, attnProj.outView);           // [N, C]
    ln2.forward(residual1.outView);                   // [N, C]
    fc.forward(ln2.out);                              // [N, C]·[C, 4C] → [N, 4C]
    gelu.forward(fc.outView);                         // [N, 4C]
    mlpProj.forward(gelu.out);                        // [N, 4C]·[4C, C] → [N, C]
    residual2.forward(residual1.outView, mlpProj.outView);   // [N, C]
  }

  /**
   * dResidual [N, C] holds dLoss/dOut on entry and dLoss/dx on return (both residual branches add
   * into it in place, which is the residuals' backward).
   */
  void backward(INDArray dResidual, ElementView dResidualView) {
    mlpProj.backward(gelu.out, dResidual, dResidualView);        // → [N, 4C]
    gelu.backwardInPlace(fc.outView, mlpProj.dInView);           // [N, 4C]
    fc.backward(ln2.out, mlpProj.dIn, mlpProj.dInView);          // → [N, C]
    ln2.backward(residual1.outView, fc.dInView, dResidualView);  // += [N, C]
    attnProj.backward(attention.out, dResidual, dResidualView);  // → [N, C]
    attention.backward(attnProj.dInView);                        // → [N, 3C]
    qkv.backward(ln1.out, attention.dIn, attention.dInView);     // → [N, C]
    ln1.backward(x, qkv.dInView, dResidualView);                 // += [N, C]
  }
}
