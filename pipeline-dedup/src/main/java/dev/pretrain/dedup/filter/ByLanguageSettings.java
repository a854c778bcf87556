package dev.pretrain.dedup.filter;

import dev.pretrain.common.config.ClosestName;
import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code curate.filter.by-language} section: how the language-dependent filters (Gopher
 * quality, Gopher repetition, FineWeb quality) treat the documents of each language, once language
 * identification has named it. A language's settings are
 * {@code curate.filter.by-language.<code>.word-units} and
 * {@code curate.filter.by-language.<code>.<filter>.<key>}, any key of the filter's own section;
 * what a language does not set is the filter's own setting, which is tuned for English, except
 * the stop words: English's list ({@code gopher-quality.stop-words}) is English's only, so a
 * language without a list of its own skips the stop-word rule (and the report counts it). The
 * shipped lists and the settings of languages written without spaces are in reference.conf.
 *
 * <p>Read once: a code that is not an ISO 639-1/639-3 code (optionally with a script, {@code ckb_Arab}),
 * a section that is no language-dependent filter, and a key the filter does not have are
 * reported with the key, as values out of range are.
 *
 * @param base the settings of documents whose language is not known (language identification
 *     off) and of English
 * @param languages the settings of each language configured under {@code by-language}
 */
public record ByLanguageSettings(LanguageProfile base, Map<String, LanguageProfile> languages) implements Serializable {
  public static final String PATH = "curate.filter.by-language";
  /** The language whose stop words are {@code curate.filter.gopher-quality.stop-words}. */
  public static final String BASE_LANGUAGE = "en";
  static final String WORD_UNITS = "word-units";
  /** The filters a language can set, in their section names. */
  static final List<String> FILTERS =
      List.of(GopherRepetitionFilter.NAME, GopherQualityFilter.NAME, FineWebQualityFilter.NAME);

  public ByLanguageSettings {
    languages = Map.copyOf(languages);
  }

  /**
   * The settings for documents in {@code language}: its own, or the base's (without stop words,
   * unless it is English); the base's when the language is not known (null).
   */
  public LanguageProfile of(String language) {
    if (language == null) {
      return base;
    }
    LanguageProfile own = languages.get(language);
    if (own != null) {
      return own;
    }
    return language.equals(BASE_LANGUAGE) ? base : base.withoutStopWords();
  }

  static ByLanguageSettings read(SettingsReader r, LanguageProfile base) {
    // code -> section (a filter, or word-units) -> keys set in it
    Map<String, Map<String, Set<String>>> set = new TreeMap<>();
    for (String key : r.keysUnder(PATH)) {
      String[] parts = key.split("\\.", 3);
      String code = parts[0];
      if (parts.length == 1) {
        r.check(false, PATH + "." + code, "must be a section of a language's settings (" + sections() + ")");
        continue;
      }
      String section = parts[1];
      String at = PATH + "." + code + "." + section;
      if (section.equals(WORD_UNITS)) {
        if (parts.length > 2) {
          r.check(false, at, "must be one of: spaces, characters");
          continue;
        }
      } else if (!FILTERS.contains(section)) {
        String closest = ClosestName.of(section, sections());
        r.check(false, at, "is not a language-dependent filter"
            + (closest == null ? "" : "; did you mean '" + closest + "'?") + " A language sets " + String.join(", ", sections())
            + " (c4-page and language identification run before the language is known)");
        continue;
      } else if (parts.length == 2) {
        r.check(false, at, "must be a section of " + section + " settings");
        continue;
      }
      set.computeIfAbsent(code, c -> new TreeMap<>()).computeIfAbsent(section, s -> new TreeSet<>())
          .add(parts.length == 3 ? parts[2] : "");
    }
    Map<String, LanguageProfile> languages = new TreeMap<>();
    for (Map.Entry<String, Map<String, Set<String>>> language : set.entrySet()) {
      String code = language.getKey();
      if (!LanguageCodes.isValid(code)) {
        r.check(false, PATH + "." + code, "must be named by a lowercase ISO 639-1 or ISO 639-3 code (zh, cmn),"
            + " optionally with an ISO 15924 script (ckb_Arab)");
        continue;
      }
      languages.put(code, profile(r, PATH + "." + code, code.equals(BASE_LANGUAGE) ? base : base.withoutStopWords(),
          language.getValue()));
    }
    return new ByLanguageSettings(base, languages);
  }

  /** One language's settings: the sections it sets, over {@code base}. */
  private static LanguageProfile profile(SettingsReader r, String path, LanguageProfile base, Map<String, Set<String>> set) {
    WordUnits units = set.containsKey(WORD_UNITS) ? r.oneOf(path + "." + WORD_UNITS, WordUnits.class) : base.wordUnits();
    GopherRepetitionSettings repetition = overridden(r, path, GopherRepetitionFilter.NAME, base.gopherRepetition(), set,
        GopherRepetitionSettings::read);
    GopherQualitySettings quality = overridden(r, path, GopherQualityFilter.NAME, base.gopherQuality(), set,
        GopherQualitySettings::read);
    FineWebQualitySettings fineweb = overridden(r, path, FineWebQualityFilter.NAME, base.finewebQuality(), set,
        FineWebQualitySettings::read);
    return new LanguageProfile(units, quality, repetition, fineweb);
  }

  /** A filter's settings with the keys a language sets under {@code path.filter} over {@code base}'s. */
  private static <T> T overridden(SettingsReader r, String path, String filter, T base, Map<String, Set<String>> set,
      Function<Section<T>, T> read) {
    if (!set.containsKey(filter)) {
      return base;
    }
    Section<T> s = Section.overriding(r, path + "." + filter, base, set.get(filter));
    T settings = read.apply(s);
    s.rejectUnknownKeys();
    return settings;
  }

  private static List<String> sections() {
    List<String> out = new java.util.ArrayList<>(List.of(WORD_UNITS));
    out.addAll(FILTERS);
    return out;
  }
}
