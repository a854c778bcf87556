package dev.pretrain.dedup.filter;

import java.io.Serializable;
import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import dev.pretrain.common.config.SettingsReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code curate.filter.language} section: language identification, offline, with langid
 * (langid.py's model; the default, fast) or Lingua (slower, better on texts of a few words).
 *
 * @param enabled whether the filter runs (when off, the {@code lang} column stays null)
 * @param engine the library that names each chunk's language
 * @param keep ISO 639-1 codes of the languages kept, e.g. {@code ["en"]}
 * @param minConfidence a document is kept when at least this share of its examined chars is in
 *     chunks found to be in one kept language (0.65, FineWeb's threshold on its language score)
 * @param detectAmong ISO 639-1 codes of the languages the detector chooses among; empty means
 *     every language the engine knows (langid 97, Lingua 75)
 * @param accuracy Lingua only: {@code low}: trigram models only (far less memory, fast; enough for
 *     documents of more than a few sentences); {@code high}: 1- to 5-gram models (better on short texts)
 * @param maxChars only the first this many chars of a document are examined (0 = all)
 * @param model engine fasttext only: the fastText language-ID model (lid.176, GlotLID), a path,
 *     {@code s3a://} or {@code gs://}; "" for the other engines
 */
public record LanguageSettings(
    boolean enabled, Engine engine, List<String> keep, double minConfidence, List<String> detectAmong, Accuracy accuracy,
    int maxChars, String model) implements Serializable {

  /** The language identification engines: two libraries, and a fastText model of the user's. */
  public enum Engine { LANGID, LINGUA, FASTTEXT }

  /** Lingua's two modes. */
  public enum Accuracy { LOW, HIGH }

  public LanguageSettings {
    keep = List.copyOf(keep);
    detectAmong = List.copyOf(detectAmong);
  }

  /** Settings of the langid or Lingua engine, which need no model file. */
  public LanguageSettings(boolean enabled, Engine engine, List<String> keep, double minConfidence,
      List<String> detectAmong, Accuracy accuracy, int maxChars) {
    this(enabled, engine, keep, minConfidence, detectAmong, accuracy, maxChars, "");
  }

  public static LanguageSettings read(SettingsReader r) {
    String p = "curate.filter.language.";
    boolean enabled = r.bool(p + "enabled");
    Engine engine = r.oneOf(p + "engine", Engine.class);
    List<String> keep = r.stringList(p + "keep");
    double minConfidence = r.doubleIn(p + "min-confidence", 0, 1);
    List<String> among = r.stringList(p + "detect-among");
    Accuracy accuracy = r.oneOf(p + "accuracy", Accuracy.class);
    int maxChars = r.intIn(p + "max-chars", 0, Integer.MAX_VALUE);
    String model = r.string(p + "model");
    if (engine == Engine.FASTTEXT) {
      // The model's labels name its languages: they are checked against keep at the job's start
      // (LanguageFilter.check), where the model file can be read.
      r.check(!model.isBlank(), p + "model", "name the fastText language-ID model (lid.176.bin, GlotLID's model.bin)"
          + " when engine = fasttext");
      r.check(among.isEmpty(), p + "detect-among", "must be [] with engine = fasttext: the model chooses among its own"
          + " labels");
      r.check(!enabled || !keep.isEmpty(), p + "keep", "name at least one language to keep");
      return new LanguageSettings(enabled, engine, keep, minConfidence, among, accuracy, maxChars, model);
    }
    r.check(model.isBlank(), p + "model", "is read only with engine = fasttext; set the engine or leave model \"\"");
    List<String> unknown = new ArrayList<>();
    Set<String> known = codes(engine);
    for (String code : concat(keep, among)) {
      if (!known.contains(code)) {
        unknown.add(code);
      }
    }
    r.check(unknown.isEmpty(), p + "keep", "use lowercase ISO 639-1 codes of languages "
        + engine.name().toLowerCase(Locale.ROOT) + " detects; unknown: " + unknown);
    r.check(!enabled || !keep.isEmpty(), p + "keep", "name at least one language to keep");
    List<String> missing = keep.stream().filter(code -> known.contains(code) && !among.isEmpty() && !among.contains(code)).toList();
    r.check(missing.isEmpty(), p + "detect-among",
        "must include every language in keep; add " + missing + " (or set it to [] for all the engine knows)");
    r.check(among.isEmpty() || among.size() >= 2, p + "detect-among", "needs at least two languages to choose among");
    return new LanguageSettings(enabled, engine, keep, minConfidence, among, accuracy, maxChars, model);
  }

  /** The lowercase ISO 639-1 codes a library engine knows (a fastText model's are its labels). */
  public static Set<String> codes(Engine engine) {
    if (engine == Engine.FASTTEXT) {
      throw new IllegalArgumentException("a fastText model's languages are its labels");
    }
    if (engine == Engine.LANGID) {
      return LangidChunkLanguage.languages();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Language l : Language.values()) {
      if (l != Language.UNKNOWN) {
        out.add(LinguaChunkLanguage.code(l));
      }
    }
    return out;
  }

  /** The Lingua languages to detect among (for engine = lingua). */
  public Set<Language> candidates() {
    Set<Language> out = new LinkedHashSet<>();
    if (detectAmong.isEmpty()) {
      for (Language l : Language.values()) {
        if (l != Language.UNKNOWN) {
          out.add(l);
        }
      }
    } else {
      detectAmong.forEach(code -> out.add(language(code)));
    }
    return out;
  }

  /** The Lingua language with this ISO 639-1 code, or null. */
  static Language language(String code) {
    for (Language l : Language.values()) {
      if (l != Language.UNKNOWN && l.getIsoCode639_1().toString().equals(code.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    return null;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
