package dev.pretrain.dedup.filter;

import java.util.Objects;

/**
 * What a filter decided about one document: keep it, or drop it naming the filter, the rule that
 * failed and the value measured for that rule, so the document can be written to
 * {@code rejected/} with {@code stage=filter}, the filter's name and the value.
 *
 * @param kept true if the document passes
 * @param filter the filter's name (empty when kept)
 * @param rule the failed rule, e.g. {@code dup-line-frac} (empty when kept)
 * @param value the measured value that broke the rule (NaN when kept)
 */
public record Verdict(boolean kept, String filter, String rule, double value) {
  private static final Verdict KEEP = new Verdict(true, "", "", Double.NaN);

  public Verdict {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(rule, "rule");
  }

  public static Verdict keep() {
    return KEEP;
  }

  public static Verdict drop(String filter, String rule, double value) {
    if (filter.isEmpty() || rule.isEmpty()) {
      throw new IllegalArgumentException("a dropped document needs a filter and a rule name");
    }
    return new Verdict(false, filter, rule, value);
  }

  /** A short reason for {@code rejected/}: {@code gopher-quality/min-words=12.0}. */
  public String reason() {
    return kept ? "" : filter + "/" + rule + "=" + value;
  }
}
