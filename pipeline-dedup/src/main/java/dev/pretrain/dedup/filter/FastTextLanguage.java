package dev.pretrain.dedup.filter;

import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextModels;
import dev.pretrain.classify.fasttext.FastTextPredictor;
import dev.pretrain.classify.fasttext.Prediction;
import dev.pretrain.classify.fasttext.TextPreparation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Language identification with a fastText model, as FineWeb does with lid.176 and FineWeb-2 with
 * GlotLID (datatrove's LanguageFilter): the examined text as one line (newlines replaced by
 * spaces, {@link TextPreparation}), one prediction over every label, and a language's confidence
 * the probability the model gives it. Labels that name the same {@code lang} code ({@link FastTextLanguageLabels}: GlotLID's
 * {@code srp_Cyrl} and {@code srp_Latn}) add up. One instance per thread; the model is loaded once
 * per JVM ({@link FastTextModels#shared}).
 */
final class FastTextLanguage {
  private final FastTextPredictor predictor;
  private final String[] codes;
  private final TextPreparation preparation = new TextPreparation(false);
  private final Map<String, Double> byCode = new HashMap<>();

  FastTextLanguage(String model, Configuration hadoop) {
    FastTextModel loaded = FastTextModels.shared(model, hadoop);
    this.predictor = loaded.predictor();
    this.codes = loaded.labels().stream().map(FastTextLanguageLabels::code).toArray(String[]::new);
  }

  /** The {@code lang} codes a model's labels stand for. */
  static Set<String> codes(List<String> labels) {
    return Set.copyOf(labels.stream().map(FastTextLanguageLabels::code).toList());
  }

  /**
   * The best kept language when it reaches {@code minConfidence}, else the most likely language;
   * {@code unknown} with confidence 0 when the model predicts nothing. Ties go to the
   * alphabetically first code.
   */
  LanguageFilter.Identification identify(String examined, Set<String> keep, double minConfidence) {
    List<Prediction> predictions = predictor.predict(preparation.prepare(examined), -1, 0f);
    byCode.clear();
    for (Prediction p : predictions) {
      byCode.merge(codes[p.labelId()], (double) p.probability(), Double::sum);
    }
    String best = null;
    String bestKept = null;
    for (Map.Entry<String, Double> e : byCode.entrySet()) {
      if (better(e, best)) {
        best = e.getKey();
      }
      if (keep.contains(e.getKey()) && better(e, bestKept)) {
        bestKept = e.getKey();
      }
    }
    // fastText's probabilities carry +1e-5 each (log(p + 1e-5)); a share above 1 would read oddly.
    if (bestKept != null && byCode.get(bestKept) >= minConfidence) {
      return new LanguageFilter.Identification(bestKept, Math.min(1, byCode.get(bestKept)), true);
    }
    return best == null
        ? new LanguageFilter.Identification(LanguageFilter.UNKNOWN, 0, false)
        : new LanguageFilter.Identification(best, Math.min(1, byCode.get(best)), false);
  }

  private boolean better(Map.Entry<String, Double> candidate, String best) {
    if (best == null) {
      return true;
    }
    double other = byCode.get(best);
    return candidate.getValue() > other || (candidate.getValue() == other && candidate.getKey().compareTo(best) < 0);
  }
}
