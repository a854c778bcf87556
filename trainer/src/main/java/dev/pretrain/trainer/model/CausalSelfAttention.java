package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The attention core between the QKV projection and the output projection: per head,
 * {@code softmax(Q·Kᵀ/√hs + causal mask)·V}. In training the QKV rows are permuted into per-head
 * {@code [B*nh, T, hs]} blocks so that each product is ONE batched matmul (measured 0.2 ms for tiny,
 * against 0.6 ms for 32 separate GEMMs and 1 ms for a Java loop); masking and softmax are Java loops.
 * In decoding the new rows' keys and values join a {@link KvCache} and each row attends to the cached
 * positions up to its own, with the same softmax, in Java loops (one row's products are too small for
 * a GEMM to pay).
 */
final class CausalSelfAttention {

  private static final int ROW_GRAIN = 64;
  /** (row, head) items of a decoding step per core: each is a pass over the whole cache. */
  private static final int CACHED_GRAIN = 4;

  private final PhaseTimer timer;
  private final int heads;
  private final int headSize;
  private final int channels;
  private final double scale;

  /** The keys and values of one block at every position decoded so far, [block, C] each, row = position. */
  record KvCache(ElementView keys, ElementView values) {
  }

  /**
   * Training's batched matmuls over one {@link BlockActivations}' per-head buffers, built once:
   * constructing an ND4J op per call cost milliseconds.
   */
  record Products(Mmul scores, Mmul mix, Mmul dScores, Mmul dValues, Mmul dQueries, Mmul dKeys) {
    Products(BlockActivations a) {
      this(matmul(a.q, a.k, a.att, false, true),       // Q·Kᵀ
          matmul(a.att, a.v, a.y, false, false),        // att·V
          matmul(a.y, a.v, a.dAtt, false, true),        // dY·Vᵀ
          matmul(a.att, a.y, a.dv, true, false),        // attᵀ·dY
          matmul(a.dAtt, a.k, a.dq, false, false),      // dS·K
          matmul(a.dAtt, a.q, a.dk, true, false));      // dSᵀ·Q
    }
  }

  CausalSelfAttention(int heads, int channels, PhaseTimer timer) {
    this.timer = timer;
    this.heads = heads;
    this.channels = channels;
    this.headSize = channels / heads;
    this.scale = 1.0 / Math.sqrt(headSize);
  }

  /** Training: a.qkv [B*T, 3C] (columns q | k | v, heads contiguous within each) → a.attended [B*T, C]. */
  void forward(BlockActivations a) {
    long t0 = System.nanoTime();
    splitHeads(a, a.qkv, 3 * channels, 0, a.q);
    splitHeads(a, a.qkv, 3 * channels, channels, a.k);
    splitHeads(a, a.qkv, 3 * channels, 2 * channels, a.v);
    Nd4j.exec(a.products.scores());                    // [BH,T,hs]·[BH,T,hs]ᵀ → [BH,T,T]
    causalSoftmax(a);
    Nd4j.exec(a.products.mix());                       // [BH,T,T]·[BH,T,hs] → [BH,T,hs]
    mergeHeads(a, a.y, a.attended, channels, 0);
    timer.lap(Phase.ATTENTION, t0);
  }

  /**
   * Decoding: a.qkv [n, 3C] of the rows at positions {@code [position, position + n)} → a.attended
   * [n, C]. Their keys and values are written into the cache first; then each row and head weighs the
   * cached values by softmax(q·kₛ/√hs) over s ≤ its position (a.att [nh, n, block]). Rows × heads
   * are independent, so they are split over the cores.
   */
  void forward(BlockActivations a, KvCache cache, int position) {
    long t0 = System.nanoTime();
    int c = channels;
    int hs = headSize;
    int n = a.rows;
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < c; j++) {
        cache.keys().set((position + r) * c + j, a.qkv.get(r * 3 * c + c + j));
        cache.values().set((position + r) * c + j, a.qkv.get(r * 3 * c + 2 * c + j));
      }
    }
    ParallelRanges.run(heads * n, CACHED_GRAIN, (fromItem, toItem) -> {
      double[] mixed = new double[hs];
      for (int item = fromItem; item < toItem; item++) {
        int h = item / n;
        int r = item % n;
        int visible = position + r + 1;
        int row = item * a.keys;
        int query = r * 3 * c + h * hs;
        for (int s = 0; s < visible; s++) {
          double dot = 0;
          int key = s * c + h * hs;
          for (int d = 0; d < hs; d++) {
            dot += a.qkv.get(query + d) * cache.keys().get(key + d);
          }
          a.att.set(row + s, dot);
        }
        softmax(a.att, row, visible);
        java.util.Arrays.fill(mixed, 0.0);
        for (int s = 0; s < visible; s++) {
          double w = a.att.get(row + s);
          int value = s * c + h * hs;
          for (int d = 0; d < hs; d++) {
            mixed[d] += w * cache.values().get(value + d);
          }
        }
        for (int d = 0; d < hs; d++) {
          a.attended.set(r * c + h * hs + d, mixed[d]);
        }
      }
    });
    timer.lap(Phase.ATTENTION, t0);
  }

  /** dOut [B*T, C] → a.dQkv [B*T, 3C]. Needs the state of the last training forward over a. */
  void backward(BlockActivations a, ElementView dOut) {
    long t0 = System.nanoTime();
    splitHeads(a, dOut, channels, 0, a.y);             // y now holds dY [BH,T,hs]
    Nd4j.exec(a.products.dScores());                   // dAtt = dY·Vᵀ
    Nd4j.exec(a.products.dValues());                   // dV = attᵀ·dY
    causalSoftmaxBackward(a);                          // dAtt ← d(pre-softmax scores)·scale
    Nd4j.exec(a.products.dQueries());                  // dQ = dS·K
    Nd4j.exec(a.products.dKeys());                     // dK = dSᵀ·Q
    mergeHeads(a, a.dq, a.dQkv, 3 * channels, 0);
    mergeHeads(a, a.dk, a.dQkv, 3 * channels, channels);
    mergeHeads(a, a.dv, a.dQkv, 3 * channels, 2 * channels);
    timer.lap(Phase.ATTENTION, t0);
  }

  /**
   * att [B*nh*T, T] rows ← softmax(scale·scores) over s ≤ t, 0 above the diagonal. Rows are
   * independent, so they are split over the cores.
   */
  private void causalSoftmax(BlockActivations a) {
    int tt = a.seqLen;
    ElementView att = a.att;
    ParallelRanges.run(a.batch * heads * tt, ROW_GRAIN, (fromRow, toRow) -> {
      for (int r = fromRow; r < toRow; r++) {
        int t = r % tt;
        int row = r * tt;
        softmax(att, row, t + 1);
        for (int s = t + 1; s < tt; s++) {
          att.set(row + s, 0.0);
        }
      }
    });
  }

  /** att[row, row + count) ← softmax(scale · att[row, row + count)). */
  private void softmax(ElementView att, int row, int count) {
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < count; s++) {
      max = Math.max(max, att.get(row + s) * scale);
    }
    double sum = 0;
    for (int s = 0; s < count; s++) {
      double e = Math.exp(att.get(row + s) * scale - max);
      att.set(row + s, e);
      sum += e;
    }
    double inv = 1.0 / sum;
    for (int s = 0; s < count; s++) {
      att.set(row + s, att.get(row + s) * inv);
    }
  }

  /** dAtt ← scale · att ⊙ (dAtt − Σ_s att·dAtt), row by row; 0 above the diagonal. */
  private void causalSoftmaxBackward(BlockActivations a) {
    int tt = a.seqLen;
    ElementView attView = a.att;
    ElementView dAttView = a.dAtt;
    ParallelRanges.run(a.batch * heads * tt, ROW_GRAIN, (fromRow, toRow) -> {
      for (int r = fromRow; r < toRow; r++) {
        int t = r % tt;
        int row = r * tt;
        double dot = 0;
        for (int s = 0; s <= t; s++) {
          dot += attView.get(row + s) * dAttView.get(row + s);
        }
        for (int s = 0; s <= t; s++) {
          double p = attView.get(row + s);
          dAttView.set(row + s, p * (dAttView.get(row + s) - dot) * scale);
        }
        for (int s = t + 1; s < tt; s++) {
          dAttView.set(row + s, 0.0);
        }
      }
    });
  }

  /** rows [B*T, width] columns [first, first+C) → target [B*nh, T, hs]. */
  private void splitHeads(BlockActivations a, ElementView rows, int width, int first, ElementView target) {
    int hs = headSize;
    int seqLen = a.seqLen;
    ParallelRanges.run(a.rows, ROW_GRAIN, (fromRow, toRow) -> {
      for (int r = fromRow; r < toRow; r++) {
        int b = r / seqLen;
        int t = r % seqLen;
        int src = r * width + first;
        for (int h = 0; h < heads; h++) {
          int dst = ((b * heads + h) * seqLen + t) * hs;
          for (int d = 0; d < hs; d++) {
            target.set(dst + d, rows.get(src + h * hs + d));
          }
        }
      }
    });
  }

  /** source [B*nh, T, hs] → rows [B*T, width] columns [first, first+C). */
  private void mergeHeads(BlockActivations a, ElementView source, ElementView rows, int width, int first) {
    int hs = headSize;
    int seqLen = a.seqLen;
    ParallelRanges.run(a.rows, ROW_GRAIN, (fromRow, toRow) -> {
      for (int r = fromRow; r < toRow; r++) {
        int b = r / seqLen;
        int t = r % seqLen;
        int dst = r * width + first;
        for (int h = 0; h < heads; h++) {
          int src = ((b * heads + h) * seqLen + t) * hs;
          for (int d = 0; d < hs; d++) {
            rows.set(dst + h * hs + d, source.get(src + d));
          }
        }
      }
    });
  }

  /** c = op(a)·op(b), batched over the first dimension. */
  private static Mmul matmul(ElementView a, ElementView b, ElementView c, boolean transposeA, boolean transposeB) {
    return new Mmul(a.array(), b.array(), c.array(),
        MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build());
  }
}
