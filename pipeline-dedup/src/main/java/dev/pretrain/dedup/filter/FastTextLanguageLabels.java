package dev.pretrain.dedup.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code lang} code of a fastText language-ID label: {@code __label__en} (lid.176) is
 * {@code en}; {@code __label__eng_Latn} (GlotLID, FineWeb-2) is {@code en}, its ISO 639-1 code;
 * a language without one keeps its ISO 639-3 code and script ({@code __label__yue_Hani} is
 * {@code yue_Hani}).
 *
 * <p>GlotLID names the individual language where ISO 639-1 names its macrolanguage (Mandarin
 * {@code cmn}, in 639-1 only Chinese {@code zh}); for the individual languages that stand for
 * their macrolanguage in practice (SIL's ISO 639-3 macrolanguage mappings), the macrolanguage's
 * 639-1 code is used, so that {@code keep = [zh]} keeps GlotLID's Chinese as it keeps langid's.
 * The script is then dropped: {@code srp_Cyrl} and {@code srp_Latn} are both {@code sr}. A bare
 * three-letter label (lid.176's {@code ceb}) becomes its 639-1 code when it has one.
 */
final class FastTextLanguageLabels {
  private FastTextLanguageLabels() {}

  static final String PREFIX = "__label__";

  /** Individual language -> its macrolanguage's ISO 639-1 code (SIL, iso-639-3-macrolanguages). */
  private static final Map<String, String> INDIVIDUAL_TO_MACRO = Map.ofEntries(
      Map.entry("cmn", "zh"), Map.entry("arb", "ar"), Map.entry("pes", "fa"), Map.entry("prs", "fa"),
      Map.entry("zsm", "ms"), Map.entry("ekk", "et"), Map.entry("lvs", "lv"), Map.entry("npi", "ne"),
      Map.entry("swh", "sw"), Map.entry("uzn", "uz"), Map.entry("khk", "mn"), Map.entry("azj", "az"),
      Map.entry("plt", "mg"), Map.entry("ory", "or"), Map.entry("gaz", "om"), Map.entry("ydd", "yi"),
      Map.entry("als", "sq"), Map.entry("quy", "qu"), Map.entry("pbt", "ps"), Map.entry("kmr", "ku"),
      Map.entry("knc", "kr"), Map.entry("fuv", "ff"), Map.entry("twi", "ak"));

  private static final class Table {
    static final Map<String, String> ISO_639_3_TO_1 = read("iso-639-3-to-1.txt");
  }

  /** The code a label stands for; the label without its prefix when it is not a language code. */
  static String code(String label) {
    String name = label.startsWith(PREFIX) ? label.substring(PREFIX.length()) : label;
    int underscore = name.indexOf('_');
    String language = underscore < 0 ? name : name.substring(0, underscore);
    if (language.length() != 3) {
      return name;
    }
    // Macrolanguages only for labels with a script: lid.176's bare labels are Wikipedia's codes,
    // where als is Alemannic, not ISO's Tosk Albanian.
    String short1 = underscore < 0 ? null : INDIVIDUAL_TO_MACRO.get(language);
    if (short1 == null) {
      short1 = Table.ISO_639_3_TO_1.get(language);
    }
    return short1 != null ? short1 : name;
  }

  private static Map<String, String> read(String resource) {
    Map<String, String> out = new HashMap<>();
    for (String line : LanguageCodes.lines(resource)) {
      String[] pair = line.split("\t");
      out.put(pair[0], pair[1]);
    }
    return Map.copyOf(out);
  }
}
