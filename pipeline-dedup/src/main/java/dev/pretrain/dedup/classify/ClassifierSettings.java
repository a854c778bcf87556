package dev.pretrain.dedup.classify;

import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One element of {@code curate.filter.classifiers}: a fastText model that scores each document,
 * as DCLM's quality filter (the probability of its {@code __label__hq}) and FineWeb-Edu's
 * educational score are used. The score goes to the {@code documents/} column {@link #column()},
 * so a corpus can be re-thresholded later without scoring it again.
 *
 * @param name names the column ({@code <name>_score}) and the rule of a drop ({@code classifier:<name>})
 * @param model the {@code .bin} or {@code .ftz} file: a path, {@code s3a://}, {@code gs://}
 * @param label the model's label whose probability is the score, e.g. {@code __label__hq}
 * @param bound whether the score must be at least or at most {@link #threshold()}
 * @param threshold the score a document must reach (min-score) or stay under (max-score)
 * @param lowercase whether the text is lower-cased first (for models trained on lower-cased text)
 * @param newlines how the text's line breaks reach the model
 */
public record ClassifierSettings(
    String name, String model, String label, Bound bound, double threshold, boolean lowercase, Newlines newlines)
    implements Serializable {

  /** Which side of the threshold a kept document's score is on. */
  public enum Bound { MIN_SCORE, MAX_SCORE }

  /**
   * fastText predicts one line (a newline ends it): {@code space} joins the text's lines with
   * spaces into one, as DCLM and FineWeb prepare a page for their fastText models; {@code lines}
   * scores each non-blank line on its own and averages the scores weighted by the lines' lengths,
   * for models trained on single lines or sentences.
   */
  public enum Newlines { SPACE, LINES }

  static final List<String> KEYS = List.of("name", "model", "label", "min-score", "max-score", "lowercase", "newlines");
  private static final String PATH = "curate.filter.classifiers";

  /** The {@code documents/} column holding this classifier's score. */
  public String column() {
    return name + "_score";
  }

  /** The rule of a document this classifier drops. */
  public String rule() {
    return "classifier:" + name;
  }

  /** Whether a score keeps the document. */
  public boolean keeps(double score) {
    return bound == Bound.MIN_SCORE ? score >= threshold : score <= threshold;
  }

  /**
   * Reads the list; each element needs a name (lower-case letters, digits, underscores, unique), a
   * model, a label and exactly one of min-score and max-score.
   * (No column of {@code documents/} ends in {@code _score}, so a score column cannot take one.)
   */
  public static List<ClassifierSettings> readAll(SettingsReader r) {
    List<ClassifierSettings> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (SettingsReader e : r.sectionList(PATH, KEYS)) {
      String name = e.string("name", n -> n.matches("[a-z][a-z0-9_]{0,40}"),
          "lower-case letters, digits and underscores, starting with a letter (it names a column)");
      e.check(names.add(name), "name", "must differ from the other classifiers' names");
      String model = e.string("model", m -> !m.isBlank(), "the path of a fastText .bin or .ftz model");
      String label = e.string("label", l -> !l.isBlank(), "one of the model's labels, e.g. __label__hq");
      boolean min = e.has("min-score");
      boolean max = e.has("max-score");
      e.check(min != max, min ? "max-score" : "min-score", "exactly one of min-score and max-score must be set");
      double threshold = min ? e.doubleIn("min-score", 0, 1) : max ? e.doubleIn("max-score", 0, 1) : 0;
      boolean lowercase = e.has("lowercase") && e.bool("lowercase");
      Newlines newlines = e.has("newlines") ? e.oneOf("newlines", Newlines.class) : Newlines.SPACE;
      out.add(new ClassifierSettings(name, model, label, min || !max ? Bound.MIN_SCORE : Bound.MAX_SCORE, threshold,
          lowercase, newlines));
    }
    return List.copyOf(out);
  }
}
