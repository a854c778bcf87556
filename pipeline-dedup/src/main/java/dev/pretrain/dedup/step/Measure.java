package dev.pretrain.dedup.step;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One value a filter measures per document (a word count, a duplicate-line fraction, a language
 * confidence), declared once by the step plan ({@code CurateSteps.measures}) so that the report can
 * draw its histogram with the threshold. The job records it in the processed table's
 * {@code measures} column at this measure's position (NaN where the filter did not reach it).
 *
 * @param filter the step's name, e.g. {@code gopher-quality}
 * @param name the measure's name within its step, e.g. {@code word-count}
 * @param title what a chart calls it, e.g. {@code words per document}
 * @param scale how its histogram's bins are spaced
 * @param low the least value worth its own bins (values below fall in the first bin); above 0 on
 *     a log scale
 * @param high the greatest value worth its own bins (values above fall in the last)
 * @param reasons the {@code rejected/} reasons of the rules that drop on this value
 * @param thresholds the rules' thresholds for documents of no configured language (the base
 *     settings), the lower bound first
 * @param thresholdsByLanguage the thresholds of configured languages whose differ from the base's
 */
public record Measure(String filter, String name, String title, Scale scale, double low, double high,
    List<String> reasons, List<Double> thresholds, Map<String, List<Double>> thresholdsByLanguage)
    implements Serializable {

  public enum Scale { LINEAR, LOG }

  public Measure {
    reasons = List.copyOf(reasons);
    thresholds = List.copyOf(thresholds);
    thresholdsByLanguage = Map.copyOf(thresholdsByLanguage);
    if (!(low < high) || (scale == Scale.LOG && !(low > 0))) {
      throw new IllegalArgumentException("measure " + filter + "/" + name + " has a bad range [" + low + ", " + high + "]");
    }
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("measure " + filter + "/" + name + " names no rule");
    }
  }

  /** {@code filter/name}, the measure's key in the report. */
  public String key() {
    return filter + "/" + name;
  }

  /**
   * A measure of a language-dependent filter: its thresholds in the base settings and, for each
   * configured language, when they differ.
   *
   * @param base the settings of documents of no configured language
   * @param languages each configured language's settings
   * @param thresholds a setting's thresholds
   */
  public static <S> Measure perLanguage(String filter, String name, String title, Scale scale, double low,
      double high, List<String> rules, S base, Map<String, S> languages, Function<S, List<Double>> thresholds) {
    Map<String, List<Double>> byLanguage = new java.util.TreeMap<>();
    List<Double> baseThresholds = thresholds.apply(base);
    languages.forEach((language, settings) -> {
      List<Double> own = thresholds.apply(settings);
      if (!own.equals(baseThresholds)) {
        byLanguage.put(language, own);
      }
    });
    return new Measure(filter, name, title, scale, low, high, rules.stream().map(r -> filter + "/" + r).toList(),
        baseThresholds, byLanguage);
  }
}
