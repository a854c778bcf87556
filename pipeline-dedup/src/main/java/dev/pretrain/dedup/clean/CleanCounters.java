package dev.pretrain.dedup.clean;

import java.util.Map;
import java.util.TreeMap;

/** Counts of what the cleaners did (chars removed, e-mails replaced, ...), summed over documents. */
public final class CleanCounters {
  private final Map<String, Long> counts = new TreeMap<>();

  public void add(String name, long n) {
    if (n != 0) {
      counts.merge(name, n, Long::sum);
    }
  }

  public long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  public void addAll(CleanCounters other) {
    other.counts.forEach(this::add);
  }

  /** A sorted copy. */
  public Map<String, Long> asMap() {
    return new TreeMap<>(counts);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
