package dev.pretrain.trainer.model;

import dev.pretrain.trainer.model.Activations.Buffer;
import dev.pretrain.trainer.model.Activations.Dims;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One block's share of {@link Activations}: {@code [N, ·]} row buffers in the order the block
 * writes them, then the gradients of its backward (null when decoding, which needs none, as are the
 * per-head blocks: decoding attends from the rows to the key/value cache).
 */
final class BlockActivations {

  final int rows;                 // N
  final int keys;                 // columns of att: the positions a row may attend to
  final int batch;
  final int seqLen;
  final ElementView x;            // [N, C] the block's input
  final ElementView ln1;          // [N, C]
  final double[] ln1Mean;
  final double[] ln1Rstd;
  final ElementView qkv;          // [N, 3C]
  final ElementView q;            // [B*nh, T, hs]
  final ElementView k;
  final ElementView v;
  final ElementView att;          // [B*nh, T, keys] softmax weights, 0 past each row's position
  final ElementView y;            // [B*nh, T, hs] att·V; in backward dY
  final ElementView attended;     // [N, C] heads merged
  final ElementView attnProj;     // [N, C]
  final ElementView residual1;    // [N, C] x + attention branch
  final ElementView ln2;          // [N, C]
  final double[] ln2Mean;
  final double[] ln2Rstd;
  final ElementView fc;           // [N, 4C]
  final ElementView gelu;         // [N, 4C]
  final ElementView geluTanh;     // [N, 4C]
  final ElementView mlpProj;      // [N, C]
  final ElementView residual2;    // [N, C] the block's output (decoding: x itself, rewritten in place)
  final ElementView dAtt;         // [B*nh, T, T]
  final ElementView dq;           // [B*nh, T, hs]
  final ElementView dk;
  final ElementView dv;
  final ElementView dQkv;         // [N, 3C]
  final ElementView dLn1;         // [N, C]
  final ElementView dAttended;    // [N, C]
  final ElementView dLn2;         // [N, C]
  final ElementView dGelu;        // [N, 4C] dGELU out, turned into dFC out in place
  final CausalSelfAttention.Products products;   // training's batched matmuls over these buffers

  BlockActivations(Dims d, DataType type, ElementView input, boolean training) {
    this.rows = d.rows();
    this.keys = d.keys();
    this.batch = d.batch();
    this.seqLen = d.seqLen();
    this.x = input;
    this.ln1 = Buffer.LN1.create(d, type);
    this.ln1Mean = new double[rows];
    this.ln1Rstd = new double[rows];
    this.qkv = Buffer.QKV.create(d, type);
    this.q = training ? Buffer.Q.create(d, type) : null;
    this.k = training ? Buffer.K.create(d, type) : null;
    this.v = training ? Buffer.V.create(d, type) : null;
    this.att = Buffer.ATT.create(d, type);
    this.y = training ? Buffer.Y.create(d, type) : null;
    this.attended = Buffer.ATTENDED.create(d, type);
    this.attnProj = Buffer.ATTN_PROJ.create(d, type);
    this.residual1 = Buffer.RESIDUAL1.create(d, type);
    this.ln2 = Buffer.LN2.create(d, type);
    this.ln2Mean = new double[rows];
    this.ln2Rstd = new double[rows];
    this.fc = Buffer.FC.create(d, type);
    this.gelu = Buffer.GELU.create(d, type);
    this.geluTanh = Buffer.GELU_TANH.create(d, type);
    this.mlpProj = Buffer.MLP_PROJ.create(d, type);
    this.residual2 = training ? Buffer.RESIDUAL2.create(d, type) : input;
    this.dAtt = training ? Buffer.D_ATT.create(d, type) : null;
    this.dq = training ? Buffer.D_Q.create(d, type) : null;
    this.dk = training ? Buffer.D_K.create(d, type) : null;
    this.dv = training ? Buffer.D_V.create(d, type) : null;
    this.dQkv = training ? Buffer.D_QKV.create(d, type) : null;
    this.dLn1 = training ? Buffer.D_LN1.create(d, type) : null;
    this.dAttended = training ? Buffer.D_ATTENDED.create(d, type) : null;
    this.dLn2 = training ? Buffer.D_LN2.create(d, type) : null;
    this.dGelu = training ? Buffer.D_GELU.create(d, type) : null;
    this.products = training ? new CausalSelfAttention.Products(this) : null;
  }
}
