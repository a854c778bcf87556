package dev.pretrain.trainer.model;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} into one contiguous range per core, run on the common fork-join
 * pool plus the calling thread. Only for loops whose iterations write disjoint elements, so results
 * do not depend on the split. ND4J's GEMMs already use every core; this gives the Java loops between
 * them (GELU, softmax, LayerNorm, AdamW) the same.
 */
public final class ParallelRanges {

  /** Work for the elements {@code [from, to)}. */
  @FunctionalInterface
  public interface Body {
    void run(int from, int to);
  }

  /** Parts per loop: the cores, or the system property {@code pretrain.trainer.javaThreads}. */
  private static final int THREADS = Math.max(1,
      Integer.getInteger("pretrain.trainer.javaThreads", Runtime.getRuntime().availableProcessors()));

  private ParallelRanges() {
  }

  /** Runs {@code body} over {@code [0, n)}, in parallel when each part gets at least {@code grain} items. */
  public static void run(int n, int grain, Body body) {
    int parts = Math.min(THREADS, n / Math.max(1, grain));
    if (parts <= 1) {
      body.run(0, n);
      return;
    }
    ForkJoinTask<?>[] forks = new ForkJoinTask<?>[parts - 1];
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      forks[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
    }
    body.run(0, (int) ((long) n / parts));
    for (ForkJoinTask<?> fork : forks) {
      fork.join();
    }
  }
}
