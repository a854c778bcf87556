package dev.pretrain.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ElementViewTest {

  @Test
  void readsAndWritesTheArraysOwnMemory() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray flat = Nd4j.create(type, 20);
      INDArray middle = flat.get(NDArrayIndex.interval(5, 11)).reshape(2, 3);
      ElementView view = ElementView.of(middle);
      assertEquals(6, view.length());
      view.set(4, 2.5);
      assertEquals(2.5, middle.getDouble(1, 1));
      assertEquals(2.5, flat.getDouble(9));
      flat.putScalar(5, -1.0);
      assertEquals(-1.0, view.get(0));
      assertSame(middle, view.array());
    }
  }

  @Test
  void rejectsNonContiguousAndUnsupportedArrays() {
    INDArray matrix = Nd4j.create(DataType.FLOAT, 3, 4);
    IllegalArgumentException transposed = assertThrows(IllegalArgumentException.class,
        () -> ElementView.of(matrix.transpose()));
    assertTrue(transposed.getMessage().contains("contiguous row-major"), transposed.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ElementView.of(matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2))));
    assertThrows(IllegalArgumentException.class, () -> ElementView.of(Nd4j.create(DataType.INT, 4)));
  }
}
