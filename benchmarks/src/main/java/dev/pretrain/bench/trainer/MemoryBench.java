package dev.pretrain.bench.trainer;

import dev.pretrain.trainer.MemoryEstimate;
import dev.pretrain.trainer.ProcessMemory;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Peak memory of one training step (forward, backward, clipping, AdamW) of one preset, set against
 * {@link MemoryEstimate}. Run each preset in its own JVM: the resident peak (VmHWM) never goes down.
 *
 * <p>Usage: {@code MemoryBench PRESET [--batch B] [--seq T] [--steps N]}; defaults batch 8, T = the
 * preset's block size, 2 steps (the first step allocates AdamW's moments and ND4J's per-op state).
 * Token rows are random ids below the vocabulary, so no dataset is needed.
 *
 * <p>Figures: the resident set (VmRSS/VmHWM of /proc/self/status) before ND4J loads, after it loads,
 * after the model and trainer are built and at the peak after the steps; the Java heap's peak use and
 * committed size; off-heap ≈ VmHWM − heap committed; JavaCPP's counters ({@code totalBytes} counts
 * only memory JavaCPP allocates itself, {@code physicalBytes} is its reading of the resident set).
 */
public final class MemoryBench {
  private MemoryBench() {}

  private static final double MIB = 1024.0 * 1024;

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: MemoryBench PRESET [--batch B] [--seq T] [--steps N]");
      System.exit(2);
    }
    String preset = args[0];
    int batch = 8;
    int seq = -1;
    int steps = 2;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--seq" -> seq = Integer.parseInt(args[++i]);
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    // The settings the train job runs with, one micro-batch per step.
    TrainSettings settings = TrainConfig.oneBatchPerStep(preset, batch, seq).train();
    GptConfig config = settings.model();
    int seqLen = settings.blockSize();
    long jvmOnly = resident().residentBytes();
    Nd4j.create(DataType.FLOAT, 1);
    long nd4jLoaded = resident().residentBytes();
    Gpt model = new Gpt(config, batch, seqLen, DataType.FLOAT, settings.seed());
    Trainer trainer = new Trainer(model, settings.trainerSettings());
    long built = resident().residentBytes();
    Random random = new Random(1);
    int[] rows = new int[batch * (seqLen + 1)];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = random.nextInt(config.vocabSize());
    }
    BatchSource batches = BatchSource.repeating(rows);
    double loss = 0;
    long[] peakAfterStep = new long[steps];
    for (int s = 0; s < steps; s++) {
      long t0 = System.nanoTime();
      loss = trainer.step(batches).loss();
      peakAfterStep[s] = resident().peakResidentBytes();
      System.out.printf(Locale.ROOT, "step %d: %.1f s, loss %.4f, peak resident %.0f MiB%n", s + 1,
          (System.nanoTime() - t0) / 1e9, loss, peakAfterStep[s] / MIB);
    }
    ProcessMemory end = resident();
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    long heapCommitted = Runtime.getRuntime().totalMemory();
    long estimate = MemoryEstimate.offHeapBytes(config, batch, seqLen);
    long measured = end.peakResidentBytes() - nd4jLoaded;
    System.out.printf(Locale.ROOT, "%n%s: %,d parameters, B=%d T=%d, %d step(s), ND4J %s, max heap %.0f MiB%n",
        preset, config.parameterCount(), batch, seqLen, steps, Nd4j.getBackend().getClass().getSimpleName(),
        Runtime.getRuntime().maxMemory() / MIB);
    System.out.printf(Locale.ROOT, "  resident: JVM only %.0f MiB, ND4J loaded %.0f MiB, model+trainer built %.0f MiB,"
        + " peak (VmHWM) %.0f MiB%n", jvmOnly / MIB, nd4jLoaded / MIB, built / MIB, end.peakResidentBytes() / MIB);
    System.out.printf(Locale.ROOT, "  heap: peak used %.0f MiB, committed %.0f MiB; off-heap = VmHWM - heap committed"
        + " = %.0f MiB%n", heapPeak / MIB, heapCommitted / MIB, (end.peakResidentBytes() - heapCommitted) / MIB);
    System.out.printf(Locale.ROOT, "  JavaCPP: totalBytes %.1f MiB, physicalBytes %.0f MiB (maxphysicalbytes %.0f MiB)%n",
        Pointer.totalBytes() / MIB, Pointer.physicalBytes() / MIB, Pointer.maxPhysicalBytes() / MIB);
    System.out.printf(Locale.ROOT, "  growth from ND4J loaded to peak %.0f MiB (built: %.0f MiB, steps: %.0f MiB)"
        + " vs MemoryEstimate %.0f MiB: measured/estimate %.2f%n", measured / MIB, (built - nd4jLoaded) / MIB,
        (end.peakResidentBytes() - built) / MIB, estimate / MIB, (double) measured / estimate);
  }

  private static ProcessMemory resident() {
    return ProcessMemory.read().orElseThrow(() -> new IllegalStateException("needs Linux /proc/self/status"));
  }
}
