package dev.pretrain.dedup.decontaminate;

import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code curate.decontaminate} section: evaluation sets whose text must not be in the corpus,
 * found by shared word n-grams over the dedup normalization (GPT-3, Brown et al. 2020, appendix C;
 * datatrove's n-gram decontamination). No sets: the stage does not run.
 *
 * @param sets the evaluation sets, in the order a document matching several is attributed
 * @param ngram words per n-gram (13: GPT-3's); a set's text of fewer words is one n-gram of all of them
 * @param action what happens to a document that shares an n-gram with a set
 * @param redactMargin with {@code redact}, chars cut on each side of a matched span
 * @param broadcastMax a set's distinct n-grams up to this many are sent to every task (a lookup);
 *     a larger set is joined with the documents' n-grams (a shuffle)
 */
public record DecontaminateSettings(List<EvaluationSet> sets, int ngram, Action action, int redactMargin,
    long broadcastMax) implements Serializable {

  /** Remove a matching document, or cut the matched spans (± the margin) out of its text. */
  public enum Action { REMOVE, REDACT }

  /**
   * One element of {@code curate.decontaminate.sets}.
   *
   * @param name names the set in {@code decontamination/}, the report and the reason {@code decontaminate/<name>}
   * @param path a JSON Lines ({@code .jsonl}, {@code .json}, optionally {@code .gz}) or Parquet ({@code .parquet}) file or directory of them
   * @param fields the columns whose texts are the set's items (strings or lists of strings; a dotted path reaches into a struct)
   */
  public record EvaluationSet(String name, String path, List<String> fields) implements Serializable {
    public EvaluationSet {
      fields = List.copyOf(fields);
    }

    /** Parquet when the path says so, JSON Lines otherwise. */
    public boolean parquet() {
      return path.replaceAll("/+$", "").endsWith(".parquet");
    }
  }

  static final String PATH = "curate.decontaminate.";
  static final List<String> SET_KEYS = List.of("name", "path", "fields");
  /** Sets a document may match are tracked as bits of one long. */
  static final int MAX_SETS = 64;

  public DecontaminateSettings {
    sets = List.copyOf(sets);
  }

  public boolean enabled() {
    return !sets.isEmpty();
  }

  public static DecontaminateSettings read(SettingsReader r) {
    List<EvaluationSet> sets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<SettingsReader> elements = r.sectionList(PATH + "sets", SET_KEYS);
    r.check(elements.size() <= MAX_SETS, PATH + "sets", "must list at most " + MAX_SETS + " sets");
    for (SettingsReader e : elements) {
      String name = e.string("name", n -> n.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"),
          "letters, digits, '_', '.' or '-', starting with a letter or digit (it names the set in the output)");
      e.check(names.add(name), "name", "must differ from the other sets' names");
      String path = e.string("path", p -> !p.isBlank(), "the path of a JSON Lines or Parquet file");
      List<String> fields = e.stringList("fields");
      e.check(!fields.isEmpty() && fields.stream().noneMatch(String::isBlank), "fields",
          "must name at least one column of the set (e.g. [question, answer])");
      sets.add(new EvaluationSet(name, path, fields));
    }
    return new DecontaminateSettings(sets,
        r.intIn(PATH + "ngram", 1, 100),
        r.oneOf(PATH + "action", Action.class),
        r.intIn(PATH + "redact-margin", 0, 1_000_000),
        r.longIn(PATH + "broadcast-max", 0, 100_000_000));
  }
}
