package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParameterLayoutTest {

  @Test
  void tensorsTileTheFlatBufferInOrder() {
    ParameterLayout layout = new ParameterLayout(GptConfig.preset("tiny"));
    int next = 0;
    for (ParameterTensor t : layout.tensors()) {
      assertEquals(next, t.offset(), t.name());
      next += t.length();
    }
    assertEquals(layout.size(), next);
    assertArrayEquals(new long[] {128, 384}, layout.find("h.1.attn.c_attn.weight").shape());
    assertTrue(layout.find("wte.weight").matrix());
    assertFalse(layout.find("h.0.ln_1.weight").matrix());
    assertNull(new ParameterLayout(GptConfig.of(64, 8, 1, 1, 8, false)).find("h.0.mlp.c_fc.bias"));
  }

  @Test
  void viewsShareMemoryWithTheFlatBuffer() {
    ParameterLayout layout = new ParameterLayout(GptConfig.of(64, 8, 1, 1, 8, true));
    INDArray flat = Nd4j.create(DataType.FLOAT, layout.size());
    INDArray qkv = layout.view(flat, "h.0.attn.c_attn.weight");
    ParameterTensor t = layout.find("h.0.attn.c_attn.weight");
    qkv.putScalar(1, 2, 3.5);
    assertEquals(3.5, flat.getDouble(t.offset() + 1 * 24 + 2));
    ElementView.of(qkv).set(5, -1.25);
    assertEquals(-1.25, flat.getDouble(t.offset() + 5));
    Nd4j.gemm(Nd4j.ones(DataType.FLOAT, 8, 1), Nd4j.ones(DataType.FLOAT, 1, 24), qkv, false, false, 2.0, 0.0);
    assertEquals(2.0, flat.getDouble(t.offset() + 7 * 24 + 23));
    assertEquals(0.0, flat.getDouble(t.offset() + t.length()));
  }
}
