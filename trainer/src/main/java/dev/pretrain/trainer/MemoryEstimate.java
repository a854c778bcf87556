package dev.pretrain.trainer;

import dev.pretrain.trainer.model.Activations;
import dev.pretrain.trainer.model.GptConfig;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Off-heap bytes a float32 {@link dev.pretrain.trainer.model.Gpt} with its AdamW state allocates: θ,
 * gradients and both moments (4·P), and every activation and activation-gradient buffer, summed from
 * the list of buffers and shapes the model allocates them from ({@link Activations#trainingElements}).
 * {@code MemoryEstimateTest} checks this against the buffers a live trainer holds. Checked at start so
 * a config that does not fit fails there.
 * Measured by {@code MemoryBench} (docs/benchmarks.md, "Memory of one step"): the resident set grows by 1.02–1.03× this
 * figure through the first training steps of {@code small} (B=8) and {@code gpt2-124m} (B=1).
 */
public final class MemoryEstimate {
  private MemoryEstimate() {}

  public static long offHeapBytes(GptConfig config, int batch, int seqLen) {
    long floats = 4 * config.parameterCount() + Activations.trainingElements(config, batch, seqLen);
    return floats * Float.BYTES;
  }

  /**
   * Fails with the estimate when it exceeds what is left for native memory: the machine's physical
   * memory, or JavaCPP's {@code maxphysicalbytes} if lower (it limits the whole resident set), minus
   * what this process already holds resident (JVM, libraries, heap so far). ND4J's CPU buffers are
   * allocated natively, outside the Java heap.
   *
   * @return a warning when the Java heap's maximum plus the estimate exceeds that ceiling (the heap
   *         may grow into the memory the model needs), else empty
   */
  public static java.util.Optional<String> requireFits(GptConfig config, int batch, int seqLen) {
    long physicalRam = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    long javacppLimit = Pointer.maxPhysicalBytes();
    long ceiling = javacppLimit > 0 ? Math.min(physicalRam, javacppLimit) : physicalRam;
    long resident = ProcessMemory.read().map(ProcessMemory::residentBytes).orElse(0L);
    String source = ceiling == physicalRam
        ? String.format(Locale.ROOT, "physical memory %.2f GiB, less %.2f GiB this process already holds",
            ceiling / GIB, resident / GIB)
        : String.format(Locale.ROOT, "org.bytedeco.javacpp.maxphysicalbytes %.2f GiB, less %.2f GiB this process"
            + " already holds; JavaCPP's default is 4 × the maximum heap, raise it with"
            + " train.memory.max-physical-bytes", ceiling / GIB, resident / GIB);
    requireFits(config, batch, seqLen, ceiling - resident, source);
    long need = offHeapBytes(config, batch, seqLen);
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (maxHeap != Long.MAX_VALUE && need + maxHeap > ceiling) {
      return java.util.Optional.of(String.format(Locale.ROOT, "warning: the model's ~%.2f GiB of native memory"
          + " plus the Java heap's maximum %.2f GiB exceed %s %.2f GiB; the trainer needs little heap, so a"
          + " smaller -Xmx (PIPELINE_JAVA_OPTS) keeps the heap from growing into it", need / GIB, maxHeap / GIB,
          ceiling == physicalRam ? "physical memory" : "org.bytedeco.javacpp.maxphysicalbytes", ceiling / GIB));
    }
    return java.util.Optional.empty();
  }

  static void requireFits(GptConfig config, int batch, int seqLen, long availableBytes) {
    requireFits(config, batch, seqLen, availableBytes, "given");
  }

  private static void requireFits(GptConfig config, int batch, int seqLen, long availableBytes, String source) {
    long need = offHeapBytes(config, batch, seqLen);
    if (need > availableBytes) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the model (%,d parameters) with B=%d T=%d needs about %.2f GiB of native memory for weights,"
              + " optimizer state and activations, more than the %.2f GiB available (%s);"
              + " lower train.batch-size or train.block-size",
          config.parameterCount(), batch, seqLen, need / GIB, availableBytes / GIB, source));
    }
  }

  private static final double GIB = 1024.0 * 1024 * 1024;
}
