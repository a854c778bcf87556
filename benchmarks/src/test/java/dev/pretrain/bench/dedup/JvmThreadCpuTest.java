package dev.pretrain.bench.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JvmThreadCpuTest {
  @Test
  void readsUserPlusSystemTicksAfterANameWithSpaces() {
    String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 811 0 0 0 1234 56 0 0 20 0 40 0 900 0 0";
    assertEquals(12.90, JvmThreadCpu.cpuSeconds(stat), 1e-9);
  }

  @Test
  void sortsThreadsByKind() {
    assertEquals(JvmThreadCpu.JIT, JvmThreadCpu.kind("C1 CompilerThre"));
    assertEquals(JvmThreadCpu.JIT, JvmThreadCpu.kind("C2 CompilerThre"));
    assertEquals(JvmThreadCpu.GC, JvmThreadCpu.kind("GC Thread#3"));
    assertEquals(JvmThreadCpu.GC, JvmThreadCpu.kind("G1 Conc#0"));
    assertNull(JvmThreadCpu.kind("Executor task launch worker-0"));
  }
}
