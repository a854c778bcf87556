package dev.pretrain.dedup.classify;

import dev.pretrain.classify.fasttext.FastTextFileInfo;
import dev.pretrain.classify.fasttext.FastTextModels;
import dev.pretrain.classify.fasttext.FastTextPredictor;
import dev.pretrain.classify.fasttext.Prediction;
import dev.pretrain.classify.fasttext.TextPreparation;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Scores each document with a fastText classifier and keeps it when the score is on the
 * configured side of the threshold, as DCLM filters Common Crawl with its fastText quality model
 * (Li et al. 2024, section 4.4: the probability of the high-quality label) and FineWeb-Edu by its
 * classifier's score. The score is the probability fastText gives the configured label (fastText's
 * own figure, which exceeds the true probability by about 1e-5); it goes to the document's
 * {@code <name>_score} column, and a dropped document's rejected row carries it as its value. The
 * text is prepared as {@code train-classifier} prepares its training lines ({@link TextPreparation}).
 */
public final class ClassifierStep implements DocumentStep {
  private final ClassifierSettings settings;
  private final FastTextPredictor predictor;
  private final int labelId;
  private final TextPreparation preparation;

  /** @param hadoop the file systems the model is read from (once per JVM, {@link FastTextModels#shared}) */
  public ClassifierStep(ClassifierSettings settings, Configuration hadoop) {
    this.settings = settings;
    this.preparation = new TextPreparation(settings.lowercase());
    this.predictor = FastTextModels.shared(settings.model(), hadoop).predictor();
    this.labelId = predictor.model().labels().indexOf(settings.label());
    if (labelId < 0) {
      throw new IllegalArgumentException(settings.model() + " has no label " + settings.label());
    }
  }

  /**
   * In the driver at the job's start: every model file exists, is a supervised fastText model
   * (its header and dictionary read, not its weights) and has the configured label; otherwise a
   * {@link ConfigError} naming each classifier's key and file, before any output or task.
   */
  public static void check(List<ClassifierSettings> classifiers, Configuration hadoop) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < classifiers.size(); i++) {
      ClassifierSettings c = classifiers.get(i);
      String key = "'curate.filter.classifiers[" + i + "].";
      try {
        FastTextFileInfo info = FastTextModels.inspect(c.model(), hadoop);
        if (!info.labels().contains(c.label())) {
          problems.add(key + "label' " + c.label() + " is not a label of " + c.model() + "; its labels: "
              + shortList(info.labels()));
        }
      } catch (IOException | RuntimeException e) {
        problems.add(key + "model' cannot be used: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
  }

  @Override
  public String name() {
    return "classifier:" + settings.name();
  }

  /** What the step measures: the classifier's score. */
  public static List<Measure> measures(ClassifierSettings settings) {
    return List.of(new Measure("classifier:" + settings.name(), "score", settings.name() + " score ("
        + settings.label() + ")", Measure.Scale.LINEAR, 0, 1, List.of("classifier/" + settings.name()),
        List.of(settings.threshold()), Map.of()));
  }

  @Override
  public List<String> columns() {
    return List.of(settings.column());
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    double score = settings.newlines() == ClassifierSettings.Newlines.SPACE
        ? score(preparation.prepare(document.text()))
        : lineWeightedScore(document.text());
    document.setScore(settings.column(), score);
    document.measures(name()).put(0, score);
    if (settings.keeps(score)) {
      return Optional.empty();
    }
    return Optional.of(new Rejection(Rejection.FILTER, "classifier/" + settings.name(), settings.rule(), score));
  }

  /** The mean of the non-blank lines' scores, each weighted by its length in chars. */
  private double lineWeightedScore(String text) {
    double weighted = 0;
    long chars = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      if (!line.isBlank()) {
        weighted += score(preparation.prepare(line)) * (end - start);
        chars += end - start;
      }
      start = end + 1;
    }
    return chars == 0 ? 0 : weighted / chars;
  }

  /** The label's probability; 0 for a line with no input row (fastText predicts nothing for it). */
  private double score(CharSequence text) {
    for (Prediction p : predictor.predict(text, -1, 0f)) {
      if (p.labelId() == labelId) {
        return p.probability();
      }
    }
    return 0;
  }

  private static String shortList(List<String> labels) {
    return labels.size() <= 20 ? String.join(", ", labels)
        : String.join(", ", labels.subList(0, 20)) + " and " + (labels.size() - 20) + " more";
  }
}
