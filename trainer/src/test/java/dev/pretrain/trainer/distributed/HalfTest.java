package dev.pretrain.trainer.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfTest {

  @Test
  void knownValuesEncodeAsIeeeBinary16() {
    assertEquals(0x3c00, Half.fromFloat(1.0f) & 0xffff);
    assertEquals(0xc000, Half.fromFloat(-2.0f) & 0xffff);
    assertEquals(0x7bff, Half.fromFloat(65504f) & 0xffff); // largest finite half
    assertEquals(0x7c00, Half.fromFloat(65520f) & 0xffff); // rounds up to infinity
    assertEquals(0x2e66, Half.fromFloat(0.1f) & 0xffff);
    assertEquals(0x0001, Half.fromFloat(0x1p-24f) & 0xffff); // smallest subnormal
    assertEquals(0x0000, Half.fromFloat(0x1p-26f) & 0xffff);
    assertEquals(0x3c00, Half.fromFloat(1.0f + 0x1p-11f) & 0xffff); // a tie rounds to even
    assertEquals(0x3c02, Half.fromFloat(1.0f + 3 * 0x1p-11f) & 0xffff);
    assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
  }

  @Test
  void everyHalfRoundTripsThroughFloat() {
    for (int bits = 0; bits < 0x10000; bits++) {
      short h = (short) bits;
      float f = Half.toFloat(h);
      if (!Float.isNaN(f)) {
        assertEquals(bits, Half.fromFloat(f) & 0xffff, "half 0x" + Integer.toHexString(bits) + " = " + f);
      }
    }
  }
}
