package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeMemoryLimitTest {

  /** Arrays of 64 MiB, allocated by the child JVM until the ceiling stops it. */
  private static final long ARRAY_FLOATS = 16L << 20;

  @Test
  void zeroKeepsJavaCppsOwnLimit() {
    assertEquals(Pointer.maxPhysicalBytes(), NativeMemoryLimit.apply(0));
  }

  @Test
  void aLimitCannotChangeOnceJavaCppIsLoaded() {
    long inForce = Pointer.maxPhysicalBytes();
    assertEquals(inForce, NativeMemoryLimit.apply(inForce));
    String property = System.getProperty(NativeMemoryLimit.PROPERTY);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeMemoryLimit.apply(inForce + 1));
    assertTrue(e.getMessage().contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (inForce + 1)), e.getMessage());
    assertEquals(property, System.getProperty(NativeMemoryLimit.PROPERTY), "the property is restored");
    assertThrows(IllegalArgumentException.class, () -> NativeMemoryLimit.apply(-1));
  }

  /**
   * In a fresh JVM the limit takes effect, and ND4J arrays allocated past it end in an
   * OutOfMemoryError within about one array of the limit instead of growing without bound.
   */
  @Test
  void inAFreshJvmNd4jAllocationsStopSoonAfterTheCeiling() throws Exception {
    List<String> lines = runChild(400L << 20);
    assertEquals("limit " + (400L << 20), lines.get(0), String.join("\n", lines));
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("stopped "), String.join("\n", lines));
    long peak = Long.parseLong(last.split(" ")[2]);
    assertTrue(peak < (400L << 20) + 2 * ARRAY_FLOATS * 4, "peak resident " + peak + "\n" + String.join("\n", lines));
  }

  private static List<String> runChild(long limit) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        Child.class.getName(), Long.toString(limit)).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    List<String> all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    for (String line : all) {
      if (line.startsWith("limit ") || line.startsWith("stopped ") || line.startsWith("allocated ")) {
        lines.add(line);
      }
    }
    assertEquals(0, p.exitValue(), String.join("\n", all));
    return lines;
  }

  /** The child JVM: applies the limit first, then allocates until JavaCPP refuses (at most 40 arrays). */
  public static final class Child {
    public static void main(String[] args) {
      System.out.println("limit " + NativeMemoryLimit.apply(Long.parseLong(args[0])));
      List<INDArray> kept = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          INDArray a = Nd4j.create(DataType.FLOAT, ARRAY_FLOATS);
          a.assign(1);
          kept.add(a);
          System.out.println("allocated " + kept.size());
        }
        System.out.println("never stopped");
      } catch (OutOfMemoryError e) {
        System.out.println("stopped at " + ProcessMemory.read().orElseThrow().peakResidentBytes());
      }
    }
  }
}
