package dev.pretrain.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {

  private final CosineSchedule schedule = new CosineSchedule(1.0, 0.1, 4, 14);

  @Test
  void warmsUpLinearlyFromMaxOverWarmupPlusOne() {
    assertEquals(0.2, schedule.at(0), 1e-12);
    assertEquals(0.8, schedule.at(3), 1e-12);
  }

  @Test
  void decaysAlongACosineToTheMinimum() {
    assertEquals(1.0, schedule.at(4), 1e-12);
    // Halfway (step 9 of 4..14): 0.1 + 0.5·(1 + cos π/2)·0.9 = 0.55.
    assertEquals(0.55, schedule.at(9), 1e-12);
    // A quarter in (step 6.5 is not a step; step 14 − 2.5 = …) use step 5: progress 0.1.
    assertEquals(0.1 + 0.5 * (1 + Math.cos(Math.PI * 0.1)) * 0.9, schedule.at(5), 1e-12);
    assertEquals(0.1, schedule.at(14), 1e-12);
    assertEquals(0.1, schedule.at(1_000), 1e-12);
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 1.0, 4, 14));
    assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1.0, 0.1, 20, 14));
    assertThrows(IllegalArgumentException.class, () -> schedule.at(-1));
  }
}
