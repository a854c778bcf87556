package dev.pretrain.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A residual connection, {@code out = x + branch} over {@code [N, C]} (llm.c {@code residual_forward}).
 * Its backward is the identity into both inputs, which the block does by letting both branches add
 * into the same gradient buffer, so there is no backward here.
 */
final class Residual {

  private final PhaseTimer timer;
  private final int length;        // N*C
  final INDArray out;              // [N, C]
  final ElementView outView;

  Residual(INDArray like, PhaseTimer timer) {
    this.timer = timer;
    this.length = (int) like.length();
    this.out = Nd4j.create(like.dataType(), like.shape());
    this.outView = ElementView.of(out);
  }

  /** x [N, C], branch [N, C] → out [N, C]. */
  void forward(ElementView x, ElementView branch) {
    long t0 = System.nanoTime();
    for (int i = 0; i < length; i++) {
      outView.set(i, x.get(i) + branch.get(i));
    }
    timer.lap(Phase.RESIDUAL, t0);
  }
}
