package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pre-LayerNorm transformer block (GPT-2): {@code x + attn(ln_1(x))}, then {@code + mlp(ln_2(·))}.
 * The layers hold the block's parameters; activations are the {@code [N, ·]} buffers of a
 * {@link BlockActivations}. Each layer adds its own time to the model's {@link PhaseTimer}, so forward
 * and backward below are just the sequence of layers, and the same forward serves training (N = B·T
 * rows attending to each other) and cached decoding (the new rows attending to the cache).
 */
final class Block {

  private final LayerNorm ln1;
  private final Linear qkv;             // [C, 3C]
  private final CausalSelfAttention attention;
  private final Linear attnProj;        // [C, C]
  private final Residual residual;
  private final LayerNorm ln2;
  private final Linear fc;              // [C, 4C]
  private final Gelu gelu;
  private final Linear mlpProj;         // [4C, C]

  Block(ParameterLayout layout, INDArray params, INDArray grads, int layer, GptConfig config, PhaseTimer timer) {
    String h = "h." + layer + ".";
    this.ln1 = layerNorm(layout, params, grads, h + "ln_1", timer);
    this.qkv = linear(layout, params, grads, h + "attn.c_attn", timer);
    this.attention = new CausalSelfAttention(config.nHead(), config.nEmbd(), timer);
    this.attnProj = linear(layout, params, grads, h + "attn.c_proj", timer);
    this.residual = new Residual(timer);
    this.ln2 = layerNorm(layout, params, grads, h + "ln_2", timer);
    this.fc = linear(layout, params, grads, h + "mlp.c_fc", timer);
    this.gelu = new Gelu(timer);
    this.mlpProj = linear(layout, params, grads, h + "mlp.c_proj", timer);
  }

  private static LayerNorm layerNorm(ParameterLayout layout, INDArray params, INDArray grads, String name,
                                     PhaseTimer timer) {
    return new LayerNorm(layout.view(params, name + ".weight"), layout.view(params, name + ".bias"),
        layout.view(grads, name + ".weight"), layout.view(grads, name + ".bias"), timer);
  }

  private static Linear linear(ParameterLayout layout, INDArray params, INDArray grads, String name,
                               PhaseTimer timer) {
    return new Linear(layout.view(params, name + ".weight"), layout.view(params, name + ".bias"),
        layout.view(grads, name + ".weight"), layout.view(grads, name + ".bias"), timer);
  }

  /**
   * a.x [N, C] → a.residual2 [N, C]. With a null cache the rows attend to each other (training, B
   * sequences of T); with a cache they are one sequence's rows at positions {@code position…}, which
   * attend to the cached positions and join them.
   */
  void forward(BlockActivations a, CausalSelfAttention.KvCache cache, int position) {
    ln1.forward(a.x, a.ln1, a.ln1Mean, a.ln1Rstd);                // [N, C]
    qkv.forward(a.ln1, a.qkv);                                    // [N, C]·[C, 3C] → [N, 3C]
    if (cache == null) {
      attention.forward(a);                                       // → [N, C]
    } else {
      attention.forward(a, cache, position);                      // → [N, C]
    }
    attnProj.forward(a.attended, a.attnProj);                     // [N, C]·[C, C] → [N, C]
    residual.forward(a.x, a.attnProj, a.residual1);               // [N, C]
    ln2.forward(a.residual1, a.ln2, a.ln2Mean, a.ln2Rstd);        // [N, C]
    fc.forward(a.ln2, a.fc);                                      // [N, C]·[C, 4C] → [N, 4C]
    gelu.forward(a.fc, a.gelu, a.geluTanh);                       // [N, 4C]
    mlpProj.forward(a.gelu, a.mlpProj);                           // [N, 4C]·[4C, C] → [N, C]
    residual.forward(a.residual1, a.mlpProj, a.residual2);        // [N, C]
  }

  /**
   * dResidual [N, C] holds dLoss/dOut on entry and dLoss/dx on return (both residual branches add
   * into it in place, which is the residuals' backward). Needs a's state of the last training forward.
   */
  void backward(BlockActivations a, ElementView dResidual) {
    mlpProj.backward(a.gelu, dResidual, a.dGelu);                          // → [N, 4C]
    gelu.backwardInPlace(a.fc, a.geluTanh, a.dGelu);                       // [N, 4C]
    fc.backward(a.ln2, a.dGelu, a.dLn2);                                   // → [N, C]
    ln2.backward(a.residual1, a.ln2Mean, a.ln2Rstd, a.dLn2, dResidual);    // += [N, C]
    attnProj.backward(a.attended, dResidual, a.dAttended);                 // → [N, C]
    attention.backward(a, a.dAttended);                                    // → [N, 3C]
    qkv.backward(a.ln1, a.dQkv, a.dLn1);                                   // → [N, C]
    ln1.backward(a.x, a.ln1Mean, a.ln1Rstd, a.dLn1, dResidual);            // += [N, C]
  }
}
