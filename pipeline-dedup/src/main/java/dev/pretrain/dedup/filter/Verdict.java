package dev.pretrain.dedup.filter;

import java.util.Objects;

/**
 * What a filter decided about one document: keep it, or drop it naming the filter, the rule that
 * failed and the value measured for that rule, so the document can be written to
 * {@code rejected/} with {@code stage=filter}, a stable {@link #reason()}, the rule and the value.
 *
 * @param kept true if the document passes
 * @param filter the filter's name (empty when kept)
 * @param rule the failed rule, e.g. {@code dup-line-frac} (empty when kept); a rule about one
 *     language names it after a colon, e.g. {@code other-language:fr}
 * @param value the measured value that broke the rule (NaN when kept or when nothing is measured)
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

  /**
   * This verdict as decided with the settings of {@code language}: a drop's rule names the
   * language after a colon ({@code stop-words:fr}, as {@code other-language:fr} does), its reason
   * stays the same; a keep, or a drop when the language is not known (null), is unchanged.
   */
  public Verdict inLanguage(String language) {
    return kept || language == null ? this : new Verdict(false, filter, rule + ":" + language, value);
  }

  /**
   * The label for {@code rejected/}'s reason: the filter and the rule without the rule's language
   * or value ({@code language/other-language}, {@code gopher-quality/min-words}), so grouping by
   * it gives the breakdown.
   */
  public String reason() {
    if (kept) {
      return "";
    }
    int qualifier = rule.indexOf(':');
    return filter + "/" + (qualifier < 0 ? rule : rule.substring(0, qualifier));
  }

  /** The measured value for {@code rejected/}'s value column; null when there is none. */
  public Double measured() {
    return Double.isNaN(value) ? null : value;
  }
}
