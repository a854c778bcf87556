package dev.pretrain.trainer.model;

import java.util.EnumMap;
import java.util.Map;

/** Wall time spent per {@link Phase}, accumulated without allocation, for the step benchmark. */
public final class PhaseTimer {

  private final long[] nanos = new long[Phase.values().length];

  /** Adds the time since {@code start} (a {@link System#nanoTime()}) to {@code phase}; returns now. */
  public long lap(Phase phase, long start) {
    long now = System.nanoTime();
    nanos[phase.ordinal()] += now - start;
    return now;
  }

  public void reset() {
    java.util.Arrays.fill(nanos, 0L);
  }

  public Map<Phase, Long> snapshot() {
    Map<Phase, Long> copy = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      copy.put(p, nanos[p.ordinal()]);
    }
    return copy;
  }
}
