package dev.pretrain.bench.trainer;

import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.model.Phase;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Milliseconds per training step (forward + backward + clipping + AdamW) on the current ND4J backend,
 * median over timed steps after warm-up, with tokens/s and the share of time per phase.
 *
 * <p>Usage: {@code StepBench [preset ...] [--steps N] [--warmup N] [--batch B]}; defaults: tiny and
 * small, 30 steps (9 for small), 3 warm-up steps, batch 8. The machine's load average is printed
 * with each result: on a shared 2-core machine another busy process doubles the GEMM times.
 */
public final class StepBench {

  /** PyTorch 1.13 CPU on this machine kind, same shapes and batch 8 (docs/architecture.md, "Platform"). */
  private static final Map<String, Double> PYTORCH_MS = Map.of("tiny", 32.0, "small", 1160.0);

  private StepBench() {
  }

  public static void main(String[] args) {
    java.util.List<String> presets = new java.util.ArrayList<>();
    int steps = -1;
    int warmup = 3;
    int batch = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        default -> presets.add(args[i]);
      }
    }
    if (presets.isEmpty()) {
      presets = java.util.List.of("tiny", "small");
    }
    System.out.printf(Locale.ROOT, "backend %s, %d ND4J threads, %d cores%n",
        Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getEnvironment().maxMasterThreads(),
        Runtime.getRuntime().availableProcessors());
    for (String preset : presets) {
      int n = steps > 0 ? steps : preset.equals("tiny") ? 30 : 9;
      run(preset, batch, warmup, n);
    }
  }

  private static void run(String preset, int batch, int warmup, int steps) {
    // The same Trainer, with the same settings, the train job runs; one micro-batch per step.
    TrainSettings settings = TrainConfig.oneBatchPerStep(preset, batch, 0).train();
    GptConfig config = settings.model();
    int seqLen = settings.blockSize();
    Gpt model = new Gpt(config, batch, seqLen, DataType.FLOAT, settings.seed());
    Trainer trainer = new Trainer(model, settings.trainerSettings());
    Random random = new Random(1);
    int[] rows = new int[batch * (seqLen + 1)];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = random.nextInt(config.vocabSize());
    }
    BatchSource batches = BatchSource.repeating(rows);
    for (int i = 0; i < warmup; i++) {
      trainer.step(batches);
    }
    model.timer().reset();
    double[] ms = new double[steps];
    double loss = 0;
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      loss = trainer.step(batches).loss();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
    long tokens = (long) batch * seqLen;
    System.out.printf(Locale.ROOT, "%n%s: %,d parameters, B=%d T=%d, %d steps after %d warm-up%n", preset,
        config.parameterCount(), batch, seqLen, steps, warmup);
    System.out.printf(Locale.ROOT, "  median %.1f ms/step (min %.1f, max %.1f), %,.0f tokens/s, last loss %.4f,"
        + " load average %.1f%n", median, sorted[0], sorted[steps - 1], tokens / (median / 1000), loss,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Double reference = PYTORCH_MS.get(preset);
    if (reference != null) {
      System.out.printf(Locale.ROOT, "  PyTorch 1.13 reference %.0f ms/step: ratio %.2fx (target <= 2x)%n",
          reference, median / reference);
    }
    Map<Phase, Long> phases = model.timer().snapshot();
    long total = phases.values().stream().mapToLong(Long::longValue).sum();
    System.out.println("  time per phase (share of timed phases, ms/step):");
    phases.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> System.out.printf(Locale.ROOT, "    %-11s %5.1f%%  %8.2f%n", e.getKey(),
            100.0 * e.getValue() / total, e.getValue() / 1e6 / steps));
  }
}
