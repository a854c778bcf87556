package dev.pretrain.dedup.step;

import dev.pretrain.dedup.filter.Verdict;

/**
 * Why a step dropped a document, as {@code rejected/} records it.
 *
 * @param stage {@code extract}, {@code clean} or {@code filter}
 * @param reason a stable label to group by, such as {@code gopher-repetition/dup-line-frac}
 * @param rule the rule that decided, e.g. {@code other-language:fr}; null when none
 * @param value what was measured against the rule; null when nothing was
 */
public record Rejection(String stage, String reason, String rule, Double value) {
  public static final String EXTRACT = "extract";
  public static final String CLEAN = "clean";
  public static final String FILTER = "filter";

  /** A quality or language filter's drop. */
  public static Rejection of(Verdict dropped) {
    if (dropped.kept()) {
      throw new IllegalArgumentException("a kept document has no rejection");
    }
    return new Rejection(FILTER, dropped.reason(), dropped.rule(), dropped.measured());
  }
}
