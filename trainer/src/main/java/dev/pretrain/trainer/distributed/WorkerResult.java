package dev.pretrain.trainer.distributed;

import java.io.Serializable;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * What worker tasks send back, and what two results merge into: the sum of their Δ = θ − θ_worker, the
 * loss and timing figures, and (on checkpoint rounds) the SHA-256 of each worker's saved AdamW moments.
 * A single worker's Δ may travel as float16 ({@link #half}); merged sums are float32. Plain mutable
 * fields and a no-argument constructor: Spark serializes task results with Kryo on the cluster.
 */
public final class WorkerResult implements Serializable {
  private static final long serialVersionUID = 1L;

  int workers;
  float[] deltaSum;
  short[] half;
  double lossSum;
  long steps;
  double lastLossSum;
  double lastLr;
  long tokens;
  long maxComputeNanos;
  long maxFetchNanos;
  long maxTaskNanos;
  int freshStates;
  int restoredStates;
  /** worker → {SHA-256 of adam_m, SHA-256 of adam_v}, on checkpoint rounds. */
  TreeMap<Integer, String[]> stateFiles = new TreeMap<>();

  public WorkerResult() {
  }

  /** This result's Δ sum as float32. */
  float[] delta() {
    if (deltaSum != null) {
      return deltaSum;
    }
    float[] out = new float[half.length];
    for (int i = 0; i < half.length; i++) {
      out[i] = Half.toFloat(half[i]);
    }
    return out;
  }

  /** Combines two results (Spark's tree reduction calls this on executors and the driver). */
  static WorkerResult merge(WorkerResult a, WorkerResult b) {
    WorkerResult out = new WorkerResult();
    float[] sum = a.delta();
    float[] other = b.delta();
    if (sum == a.deltaSum) {
      sum = Arrays.copyOf(sum, sum.length);
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other[i];
    }
    out.deltaSum = sum;
    out.workers = a.workers + b.workers;
    out.lossSum = a.lossSum + b.lossSum;
    out.steps = a.steps + b.steps;
    out.lastLossSum = a.lastLossSum + b.lastLossSum;
    out.lastLr = Math.max(a.lastLr, b.lastLr);
    out.tokens = a.tokens + b.tokens;
    out.maxComputeNanos = Math.max(a.maxComputeNanos, b.maxComputeNanos);
    out.maxFetchNanos = Math.max(a.maxFetchNanos, b.maxFetchNanos);
    out.maxTaskNanos = Math.max(a.maxTaskNanos, b.maxTaskNanos);
    out.freshStates = a.freshStates + b.freshStates;
    out.restoredStates = a.restoredStates + b.restoredStates;
    out.stateFiles.putAll(a.stateFiles);
    out.stateFiles.putAll(b.stateFiles);
    return out;
  }

  /** Mean of the workers' Δ, in place of the sum. */
  float[] meanDelta() {
    float[] sum = delta();
    float scale = 1.0f / workers;
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= scale;
    }
    return sum;
  }
}
