package dev.pretrain.dedup.clean;

import dev.pretrain.dedup.step.DocumentStep;
import java.util.List;

/** Cleaners applied in order. */
public final class CleanChain {
  private final List<Cleaner> cleaners;

  public CleanChain(List<Cleaner> cleaners) {
    this.cleaners = List.copyOf(cleaners);
  }

  /** The cleaners among {@code steps}, in their order. */
  public static CleanChain of(List<DocumentStep> steps) {
    return new CleanChain(steps.stream().filter(Cleaner.class::isInstance).map(Cleaner.class::cast).toList());
  }

  public List<Cleaner> cleaners() {
    return cleaners;
  }

  public String apply(String text, CleanCounters counters) {
    String out = text;
    for (Cleaner cleaner : cleaners) {
      out = cleaner.apply(out, counters);
    }
    return out;
  }
}
