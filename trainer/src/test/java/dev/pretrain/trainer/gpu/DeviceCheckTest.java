package dev.pretrain.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceCheckTest {

  @Test
  void hopperAndNewerAreRefusedNamingTheGpusThatWork() {
    for (int[] cc : new int[][] {{9, 0}, {10, 0}, {12, 0}}) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> DeviceCheck.require("JCublasBackend", cc[0], cc[1]));
      assertTrue(e.getMessage().contains("sm_" + cc[0] + cc[1]), e.getMessage());
      for (String gpu : new String[] {"V100", "T4", "A10G", "A100", "L4"}) {
        assertTrue(e.getMessage().contains(gpu), e.getMessage());
      }
    }
  }

  @Test
  void theGpusOfTheShippedMachineCodeAreAccepted() {
    // V100 7.0, T4 7.5, A100 8.0, A10G 8.6, L4 8.9 (runs sm_86 code: same major version), K80 3.7.
    for (int[] cc : new int[][] {{7, 0}, {7, 5}, {8, 0}, {8, 6}, {8, 9}, {3, 7}}) {
      assertEquals(Optional.empty(), DeviceCheck.problem("JCublasBackend", cc[0], cc[1]), cc[0] + "." + cc[1]);
    }
  }

  @Test
  void gpusOlderThanSm37AreRefused() {
    assertTrue(DeviceCheck.problem("CUDA", 3, 5).orElseThrow().contains("older than sm_37"));
  }

  @Test
  void theCpuBackendIsNeverRefused() {
    assertEquals(Optional.empty(), DeviceCheck.problem("CpuBackend", 9, 0));
  }

  @Test
  void onTheCpuBackendTheStartUpHookLogsTheBackendAndPasses() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DeviceCheck.logAndCheck(new PrintStream(out, true, StandardCharsets.UTF_8));
    String line = out.toString(StandardCharsets.UTF_8);
    assertTrue(line.startsWith("ND4J backend CpuBackend; ") && !line.contains("null"), line);
  }
}
