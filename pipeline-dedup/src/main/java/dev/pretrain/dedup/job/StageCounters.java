package dev.pretrain.dedup.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one corpus-level stage of curate did (graph nodes, exact, near, clusters, and the stages
 * to come), as named counts in the order the stage lists them. {@code report.json} shows each
 * under {@code corpus_stages.<stage>}; a stage adds its counters here rather than new report keys.
 *
 * @param stage the stage's name, a key of {@code corpus_stages}
 * @param counts counter name (lower case, words joined by {@code _}) → value, in the stage's order
 */
public record StageCounters(String stage, Map<String, Long> counts) {

  public StageCounters {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** A stage with no counters yet. */
  public static StageCounters of(String stage) {
    return new StageCounters(stage, Map.of());
  }

  /** These counters and {@code name = value} after them. */
  public StageCounters with(String name, long value) {
    if (counts.containsKey(name)) {
      throw new IllegalArgumentException("stage " + stage + " already counts " + name);
    }
    Map<String, Long> next = new LinkedHashMap<>(counts);
    next.put(name, value);
    return new StageCounters(stage, next);
  }

  /** @throws IllegalArgumentException naming the counters there are, if this stage has no {@code name} */
  public long get(String name) {
    Long value = counts.get(name);
    if (value == null) {
      throw new IllegalArgumentException("stage " + stage + " has no counter " + name + "; it has " + counts.keySet());
    }
    return value;
  }

  /** {@code stage: name value, name value, ...} for the console. */
  String summary() {
    return stage + ": " + counts.entrySet().stream()
        .map(e -> e.getKey().replace('_', ' ') + " " + String.format(java.util.Locale.ROOT, "%,d", e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
