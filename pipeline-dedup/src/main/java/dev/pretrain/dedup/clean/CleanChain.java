package dev.pretrain.dedup.clean;

import java.util.List;

/** Cleaners applied in order. */
public final class CleanChain {
  private final List<Cleaner> cleaners;

  public CleanChain(List<Cleaner> cleaners) {
    this.cleaners = List.copyOf(cleaners);
  }

  public static CleanChain of(CleanSettings settings) {
    return new CleanChain(settings.enabledCleaners());
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
