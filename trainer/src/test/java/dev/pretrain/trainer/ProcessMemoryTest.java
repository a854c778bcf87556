package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

  @Test
  void readsResidentAndPeakKilobytesAsBytes() {
    List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  204800 kB",
        "VmRSS:\t  102400 kB", "Threads:\t42");
    assertEquals(Optional.of(new ProcessMemory(100L << 20, 200L << 20)), ProcessMemory.parse(status));
  }

  @Test
  void isEmptyWithoutTheLinesAndFailsOnAnotherUnit() {
    assertEquals(Optional.empty(), ProcessMemory.parse(List.of("Name:\tjava", "VmRSS:\t 1 kB")));
    assertThrows(IllegalStateException.class, () -> ProcessMemory.parse(List.of("VmRSS:\t 1 MB", "VmHWM:\t 1 kB")));
  }

  @Test
  void thisProcessHoldsSomeMemoryAndItsPeakIsAtLeastTheCurrentSize() {
    ProcessMemory now = ProcessMemory.read().orElseThrow();
    assertTrue(now.residentBytes() > 10L << 20, now.toString());
    assertTrue(now.peakResidentBytes() >= now.residentBytes(), now.toString());
  }
}
