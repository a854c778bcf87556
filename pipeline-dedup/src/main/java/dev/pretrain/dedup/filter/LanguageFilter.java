package dev.pretrain.dedup.filter;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Language identification with Lingua (offline n-gram models): a document is kept when one of
 * the kept languages has at least the minimum confidence, as FineWeb keeps English pages with a
 * language score of at least 0.65. The confidence is the share of the page's chars in chunks
 * found to be in that language (see {@link #identify}). The rule names the language found and its confidence:
 * {@code language/other-language:fr=0.91} or {@code language/min-confidence:en=0.52}, so the run
 * report counts rejections per language.
 *
 * <p>It runs after the cheaper quality filters (it is the slowest), and its detector is shared by
 * every task of a JVM ({@link LanguageDetectors}).
 */
public final class LanguageFilter implements DocumentFilter {
  public static final String NAME = "language";
  static final String UNKNOWN = "unknown";
  /** Chunks shorter than this are unreliable (a few words fit many languages). */
  static final int CHUNK_CHARS = 200;

  private final LanguageSettings settings;
  private final Set<Language> keep = EnumSet.noneOf(Language.class);
  private final LanguageDetector detector;

  public LanguageFilter(LanguageSettings settings) {
    this.settings = settings;
    settings.keep().forEach(code -> keep.add(LanguageSettings.language(code)));
    this.detector = LanguageDetectors.get(settings);
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
   * at least {@link #CHUNK_CHARS} chars, each chunk gets Lingua's most likely language, and a
   * language's confidence is the share of chars in its chunks. Lingua 1.2's own confidence values
   * are relative (the most likely language always scores 1.0), so they cannot carry an absolute
   * threshold such as FineWeb's; a share of the page can, and it is what a threshold on a
   * language score is for: pages mostly in another language, or mixed, or in none.
   *
   * <p>Detection stops at the first chunk after which the document is certainly kept, whatever
   * the remaining chunks hold (Lingua's cost grows with the chars it reads, and most documents of
   * a corpus are in a kept language). A kept document's confidence is therefore a lower bound,
   * at least the minimum; a dropped document's is measured over all the examined text.
   */
  public Identification identify(String text) {
    String examined = examined(text);
    List<Chunk> chunks = chunks(examined);
    int total = chunks.stream().mapToInt(Chunk::chars).sum();
    Map<Language, Integer> chars = new EnumMap<>(Language.class);
    int remaining = total;
    for (Chunk chunk : chunks) {
      chars.merge(detector.detectLanguageOf(chunk.text()), chunk.chars(), Integer::sum);
      remaining -= chunk.chars();
      if (remaining > 0 && certainlyKept(chars, remaining, total)) {
        break;
      }
    }
    Language best = Language.UNKNOWN;
    int bestChars = 0;
    Language bestKept = null;
    int bestKeptChars = 0;
    for (Map.Entry<Language, Integer> e : chars.entrySet()) {
      if (e.getKey() != Language.UNKNOWN && e.getValue() > bestChars) {
        best = e.getKey();
        bestChars = e.getValue();
      }
      if (keep.contains(e.getKey()) && e.getValue() > bestKeptChars) {
        bestKept = e.getKey();
        bestKeptChars = e.getValue();
      }
    }
    if (bestKept != null && (double) bestKeptChars / total >= settings.minConfidence()) {
      return new Identification(code(bestKept), (double) bestKeptChars / total, true);
    }
    return best == Language.UNKNOWN
        ? new Identification(UNKNOWN, 0, false)
        : new Identification(code(best), (double) bestChars / total, false);
  }

  /**
   * Whether one kept language already has the minimum share of all {@code total} chars and no
   * other kept language could overtake it with the {@code remaining} chars: then the decision
   * and the language reported cannot change.
   */
  private boolean certainlyKept(Map<Language, Integer> chars, int remaining, int total) {
    int first = 0;
    int second = 0;
    for (Language language : keep) {
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

  /** Keep, or drop with the language and confidence found. */
  public Verdict verdict(Identification id) {
    if (id.kept()) {
      return Verdict.keep();
    }
    Language found = LanguageSettings.language(id.code());
    boolean keptLanguage = found != null && keep.contains(found);
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

  private static String code(Language language) {
    return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }
}
