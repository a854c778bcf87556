package dev.pretrain.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalNormClippingTest {

  @Test
  void scalesGradientsAboveTheMaximumToIt() {
    INDArray grads = Nd4j.createFromArray(3.0, 0.0, 4.0);
    double norm = new GlobalNormClipping(grads, 1.0).clip();
    assertEquals(5.0, norm, 1e-12);
    assertEquals(0.6, grads.getDouble(0), 1e-6);
    assertEquals(0.8, grads.getDouble(2), 1e-6);
    assertEquals(1.0, grads.norm2Number().doubleValue(), 1e-6);
  }

  @Test
  void leavesGradientsBelowTheMaximumAlone() {
    INDArray grads = Nd4j.createFromArray(0.3, 0.4);
    assertEquals(0.5, new GlobalNormClipping(grads, 1.0).clip(), 1e-12);
    assertEquals(Nd4j.createFromArray(0.3, 0.4), grads);
  }
}
