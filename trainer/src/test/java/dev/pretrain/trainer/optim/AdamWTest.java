package dev.pretrain.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.trainer.model.ParameterTensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamWTest {

  // One 1x1 "matrix" (decayed) at offset 0 and one vector element (not decayed) at offset 1.
  private static final List<ParameterTensor> TENSORS = List.of(
      new ParameterTensor("w", 0, 1, 1, true), new ParameterTensor("b", 1, 1, 1, false));

  @Test
  void twoStepsMatchHandComputedValues() {
    INDArray params = Nd4j.createFromArray(2.0, 2.0);
    INDArray grads = Nd4j.createFromArray(0.5, 0.5);
    AdamW adam = new AdamW(params, grads, TENSORS, new AdamW.Settings(0.9, 0.95, 1e-8, 0.1));
    adam.step(0.1);
    // m = 0.05, v = 0.0125; m̂ = 0.5, v̂ = 0.25 → m̂/(√v̂+ε) = 1 (to 2e-8).
    // decayed: 2 − 0.1·(1 + 0.1·2) = 1.88; not decayed: 2 − 0.1 = 1.9.
    assertEquals(1.88, params.getDouble(0), 1e-7);
    assertEquals(1.9, params.getDouble(1), 1e-7);
    grads.assign(Nd4j.createFromArray(-0.5, -0.5));
    adam.step(0.1);
    // m = 0.9·0.05 − 0.05 = −0.005, v = 0.95·0.0125 + 0.05·0.25 = 0.024375;
    // m̂ = −0.005/0.19 = −0.0263158, v̂ = 0.024375/0.0975 = 0.25 → ratio −0.0526316.
    assertEquals(1.88 - 0.1 * (-0.005 / 0.19 / 0.5 + 0.1 * 1.88), params.getDouble(0), 1e-7);
    assertEquals(1.9 - 0.1 * (-0.005 / 0.19 / 0.5), params.getDouble(1), 1e-7);
    assertEquals(-0.005, adam.firstMoment().getDouble(0), 1e-12);
    assertEquals(0.024375, adam.secondMoment().getDouble(1), 1e-12);
    assertEquals(2, adam.stepCount());
  }

  @Test
  void worksOnFloatBuffers() {
    INDArray params = Nd4j.createFromArray(2.0f, 2.0f);
    INDArray grads = Nd4j.createFromArray(0.5f, 0.5f);
    new AdamW(params, grads, TENSORS, new AdamW.Settings(0.9, 0.95, 1e-8, 0.1)).step(0.1);
    assertEquals(DataType.FLOAT, params.dataType());
    assertEquals(1.88f, params.getFloat(0), 1e-6f);
  }

  @Test
  void rejectsLayoutsThatDoNotCoverTheParameters() {
    INDArray params = Nd4j.createFromArray(1.0, 2.0, 3.0);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new AdamW(params, params.dup(), TENSORS, AdamW.Settings.GPT));
  }

  @Test
  void aRestoredStepCountAndMomentsContinueExactly() {
    INDArray params = Nd4j.createFromArray(2.0, 2.0);
    INDArray grads = Nd4j.createFromArray(0.5, -0.25);
    AdamW straight = new AdamW(params, grads, TENSORS, AdamW.Settings.GPT);
    straight.step(0.1);
    straight.step(0.1);
    INDArray copy = params.dup();
    AdamW restored = new AdamW(copy, grads, TENSORS, AdamW.Settings.GPT);
    restored.firstMoment().assign(straight.firstMoment());
    restored.secondMoment().assign(straight.secondMoment());
    restored.setStepCount(2);
    straight.step(0.1);
    restored.step(0.1);
    assertEquals(params.getDouble(0), copy.getDouble(0), 0.0);
    assertEquals(params.getDouble(1), copy.getDouble(1), 0.0);
    assertEquals(3, restored.stepCount());
  }
}
