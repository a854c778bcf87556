package dev.pretrain.dedup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pretrain.dedup.step.Measure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinningTest {

  @Test
  void linearBinsCoverTheValuesSeenAndTheThreshold() {
    // Values in [0.1, 0.2], threshold 0.3: the range stretches to show the threshold.
    Binning b = Binning.over(Measure.Scale.LINEAR, 0, 1, 0.1, 0.2, List.of(0.3), 4);
    assertEquals(0.1, b.low(), 1e-12);
    assertEquals(0.3, b.high(), 1e-12);
    assertEquals(0, b.index(0.1));
    assertEquals(1, b.index(0.16));
    assertEquals(3, b.index(0.3));
    assertEquals(0, b.index(-5)); // below the range: the first bin
    assertEquals(3, b.index(7)); // above: the last
    assertEquals(Map.of("start", 0.15, "end", 0.2), b.bounds(1));
  }

  @Test
  void logBinsAreEqualInDecadesAndTheFirstHoldsZero() {
    Binning b = Binning.over(Measure.Scale.LOG, 1, 1e6, 0, 1000, List.of(), 3);
    assertEquals(1, b.low(), 0);
    assertEquals(1000, b.high(), 0);
    assertEquals(0, b.index(0));
    assertEquals(0, b.index(9));
    assertEquals(1, b.index(11));
    assertEquals(2, b.index(999));
    // The first bin's start is the least value seen (0), not the range's 1.
    assertEquals(Map.of("start", 0.0, "end", 10.0), b.bounds(0));
    assertEquals(Map.of("start", 100.0, "end", 1000.0), b.bounds(2));
  }

  @Test
  void oneValueSeenStillHasARange() {
    Binning b = Binning.over(Measure.Scale.LINEAR, 0, 1, 0, 0, List.of(), 40);
    assertEquals(0, b.low(), 0);
    assertEquals(1, b.high(), 0);
  }

  @Test
  void aBadRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Binning(Measure.Scale.LOG, 0, 1, 4, 0, 1));
  }
}
