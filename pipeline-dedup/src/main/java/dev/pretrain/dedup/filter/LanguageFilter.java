package dev.pretrain.dedup.filter;

import dev.pretrain.classify.fasttext.FastTextModels;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Language identification (offline, with langid or Lingua, see {@link ChunkLanguage}, or a
 * fastText model, see {@link FastTextLanguage}): a document is kept when one of
 * the kept languages has at least the minimum confidence, as FineWeb keeps English pages with a
 * language score of at least 0.65. The confidence is the share of the page's chars in chunks
 * found to be in that language (see {@link #identify}). The rule names the language found
 * ({@code other-language:fr}, {@code min-confidence:en}) and the value is its confidence, so
 * {@code rejected/} can be counted per language as well as per rule.
 *
 * <p>It runs after C4's page rules and before the filters whose rules depend on the language,
 * which read the {@code lang} it sets ({@link ByLanguageSettings}). Each instance is for one
 * thread; the engines' models are loaded once per JVM.
 */
public final class LanguageFilter implements DocumentFilter {
  public static final String NAME = "language";
  static final String UNKNOWN = "unknown";
  /** Chunks shorter than this are unreliable (a few words fit many languages). */
  static final int CHUNK_CHARS = 200;

  private final LanguageSettings settings;
  private final Set<String> keep;
  /** The library engines name each chunk's language; a fastText model scores the text at once. */
  private final ChunkLanguage engine;
  private final FastTextLanguage fastText;

  /** With a fastText model read through Hadoop's default configuration (tests, benches). */
  public LanguageFilter(LanguageSettings settings) {
    this(settings, new Configuration());
  }

  /** @param hadoop the file systems a fastText model is read from (once per JVM) */
  public LanguageFilter(LanguageSettings settings, Configuration hadoop) {
    this.settings = settings;
    this.keep = new LinkedHashSet<>(settings.keep());
    boolean model = settings.engine() == LanguageSettings.Engine.FASTTEXT;
    this.engine = model ? null : ChunkLanguage.of(settings);
    this.fastText = model ? new FastTextLanguage(settings.model(), hadoop) : null;
  }

  /**
   * In the driver at the job's start, for engine = fasttext: the model can be read and its labels
   * name every language of {@code keep}; otherwise a {@link ConfigError} naming the key.
   */
  public static void check(LanguageSettings settings, Configuration hadoop) {
    if (!settings.enabled() || settings.engine() != LanguageSettings.Engine.FASTTEXT) {
      return;
    }
    String p = "'curate.filter.language.";
    Set<String> codes;
    try {
      codes = FastTextLanguage.codes(FastTextModels.inspect(settings.model(), hadoop).labels());
    } catch (IOException | RuntimeException e) {
      throw new ConfigError(List.of(p + "model' cannot be used: " + e.getMessage()));
    }
    List<String> missing = settings.keep().stream().filter(code -> !codes.contains(code)).toList();
    if (!missing.isEmpty()) {
      throw new ConfigError(List.of(p + "keep' names " + missing + ", which " + settings.model()
          + " does not identify; its languages: " + String.join(", ", new TreeSet<>(codes))));
    }
  }

  /**
   * What the detector found.
   *
   * @param code the ISO 639-1 code of the best kept language when it reaches the minimum
   *     confidence, else of the most likely language ({@code unknown} when nothing was found)
   * @param confidence that language's confidence, 0..1
   * @param kept whether the document passes
   */
  public record Identification(String code, double confidence, boolean kept) {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The share of the examined text in each language: the text is cut at line ends into chunks of
   * at least {@link #CHUNK_CHARS} chars, each chunk gets the engine's most likely language (none
   * when it has no letter), and a language's confidence is the share of chars in its chunks.
   * Lingua 1.2's own confidence values are relative (the most likely language always scores 1.0)
   * and langid's saturate at 1.0 on a few sentences, so neither can carry an absolute threshold
   * such as FineWeb's; a share of the page can, and it is what a threshold on a language score is
   * for: pages mostly in another language, or mixed, or in none.
   *
   * <p>Detection stops at the first chunk after which the document is certainly kept, whatever
   * the remaining chunks hold (the cost grows with the chars read, and most documents of a corpus
   * are in a kept language). A kept document's confidence is therefore a lower bound,
   * at least the minimum; a dropped document's is measured over all the examined text.
   */
  public Identification identify(String text) {
    String examined = examined(text);
    if (fastText != null) {
      return fastText.identify(examined, keep, settings.minConfidence());
    }
    List<Chunk> chunks = chunks(examined);
    int total = chunks.stream().mapToInt(Chunk::chars).sum();
    Map<String, Integer> chars = new HashMap<>();
    int remaining = total;
    for (Chunk chunk : chunks) {
      String found = hasLetter(chunk.text()) ? engine.of(chunk.text()) : null;
      if (found != null) {
        chars.merge(found, chunk.chars(), Integer::sum);
      }
      remaining -= chunk.chars();
      if (remaining > 0 && certainlyKept(chars, remaining, total)) {
        break;
      }
    }
    String best = null;
    int bestChars = 0;
    String bestKept = null;
    int bestKeptChars = 0;
    // Ties go to the alphabetically first code, so the result never depends on map order.
    for (Map.Entry<String, Integer> e : chars.entrySet()) {
      if (better(e, best, bestChars)) {
        best = e.getKey();
        bestChars = e.getValue();
      }
      if (keep.contains(e.getKey()) && better(e, bestKept, bestKeptChars)) {
        bestKept = e.getKey();
        bestKeptChars = e.getValue();
      }
    }
    if (bestKept != null && (double) bestKeptChars / total >= settings.minConfidence()) {
      return new Identification(bestKept, (double) bestKeptChars / total, true);
    }
    return best == null
        ? new Identification(UNKNOWN, 0, false)
        : new Identification(best, (double) bestChars / total, false);
  }

  private static boolean better(Map.Entry<String, Integer> candidate, String best, int bestChars) {
    return best == null || candidate.getValue() > bestChars
        || (candidate.getValue() == bestChars && candidate.getKey().compareTo(best) < 0);
  }

  private static boolean hasLetter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one kept language already has the minimum share of all {@code total} chars and no
   * other kept language could overtake it with the {@code remaining} chars: then the decision
   * and the language reported cannot change.
   */
  private boolean certainlyKept(Map<String, Integer> chars, int remaining, int total) {
    int first = 0;
    int second = 0;
    for (String language : keep) {
      int n = chars.getOrDefault(language, 0);
      if (n > first) {
        second = first;
        first = n;
      } else if (n > second) {
        second = n;
      }
    }
    return (double) first / total >= settings.minConfidence() && first > second + remaining;
  }

  /** A chunk of the examined text and its length after stripping, the weight of its language. */
  private record Chunk(String text, int chars) {}

  /** The chunks of the examined text, blank ones left out. */
  private static List<Chunk> chunks(String examined) {
    List<Chunk> out = new ArrayList<>();
    int start = 0;
    while (start < examined.length()) {
      int end = chunkEnd(examined, start);
      String text = examined.substring(start, end);
      int length = text.strip().length();
      if (length > 0) {
        out.add(new Chunk(text, length));
      }
      start = end;
    }
    return out;
  }

  /** The end of the chunk from {@code start}: the first line end at least CHUNK_CHARS further. */
  private static int chunkEnd(String text, int start) {
    int from = Math.min(text.length(), start + CHUNK_CHARS);
    int newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline + 1;
  }

  @Override
  public Verdict apply(DocumentText document) {
    return verdict(identify(document.text()));
  }

  /** As a step, it also fills the {@code lang} column with the language found, kept or not. */
  @Override
  public Optional<Rejection> run(StepDocument document) {
    Identification found = identify(document.text());
    document.setLang(found.code());
    document.measures(NAME).put(0, found.confidence());
    Verdict verdict = verdict(found);
    return verdict.kept() ? Optional.empty() : Optional.of(Rejection.of(verdict));
  }

  @Override
  public List<String> columns() {
    return List.of("lang");
  }

  /**
   * What the step measures: the confidence of the language found (a kept document's is a lower
   * bound, see {@link #identify}); a document in another language is dropped whatever its confidence.
   */
  public static List<Measure> measures(LanguageSettings settings) {
    return List.of(new Measure(NAME, "confidence", "confidence of the language found", Measure.Scale.LINEAR, 0, 1,
        List.of(NAME + "/other-language", NAME + "/min-confidence"), List.of(settings.minConfidence()), Map.of()));
  }

  /** Keep, or drop with the language and confidence found. */
  public Verdict verdict(Identification id) {
    if (id.kept()) {
      return Verdict.keep();
    }
    boolean keptLanguage = keep.contains(id.code());
    String rule = (keptLanguage ? "min-confidence:" : "other-language:") + id.code();
    return Verdict.drop(NAME, rule, id.confidence());
  }

  /** The first maxChars chars, not splitting a surrogate pair. */
  private String examined(String text) {
    int max = settings.maxChars();
    if (max == 0 || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
