package dev.pretrain.common.read.charset;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A character encoding as the web names it: the WHATWG Encoding Standard's canonical name
 * ({@code windows-1251}, {@code Shift_JIS}, {@code gb18030}) and the JDK charset that decodes it.
 * Labels are mapped the way browsers map them (Encoding Standard, "Encodings" table): a declared
 * {@code iso-8859-1}, {@code latin1} or {@code us-ascii} means windows-1252, {@code gb2312} and
 * {@code gbk} are read as gb18030 (a superset), {@code ks_c_5601-1987} means EUC-KR. Where the
 * standard's encoding is a superset of the JDK charset of the same name, the superset decodes:
 * Shift_JIS as windows-31j, EUC-KR as x-windows-949, Big5 as Big5-HKSCS. Labels the standard does
 * not know, and those it maps to its "replacement" encoding (iso-2022-kr, iso-2022-cn, hz-gb-2312),
 * are unknown here: a declaration naming them is ignored.
 *
 * @param name the Encoding Standard's name, as reported in {@link DecodedPage#charset()}
 * @param decoder the JDK charset that decodes it
 */
public record WebCharset(String name, Charset decoder) {
  public static final WebCharset UTF_8 = new WebCharset("UTF-8", Charset.forName("UTF-8"));
  public static final WebCharset UTF_16LE = new WebCharset("UTF-16LE", Charset.forName("UTF-16LE"));
  public static final WebCharset UTF_16BE = new WebCharset("UTF-16BE", Charset.forName("UTF-16BE"));
  public static final WebCharset WINDOWS_1252 = new WebCharset("windows-1252", Charset.forName("windows-1252"));

  private static final Map<String, WebCharset> BY_LABEL = labels();

  /** The encoding a label names (case and surrounding whitespace ignored), or empty if none. */
  public static Optional<WebCharset> forLabel(String label) {
    if (label == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_LABEL.get(label.strip().toLowerCase(Locale.ROOT)));
  }

  /** True for the UTF-16 encodings, which an ASCII-based meta prescan can never have read. */
  boolean isUtf16() {
    return this.equals(UTF_16LE) || this.equals(UTF_16BE);
  }

  /** True when ASCII bytes decode to the same ASCII characters (not UTF-16, not ISO-2022-JP). */
  boolean asciiCompatible() {
    return !isUtf16() && !name.equals("ISO-2022-JP");
  }

  /** Labels from the Encoding Standard's table, for the encodings the JDK can decode. */
  private static Map<String, WebCharset> labels() {
    Map<String, WebCharset> map = new HashMap<>();
    add(map, UTF_8, "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8");
    add(map, "IBM866", "IBM866", "866", "cp866", "csibm866", "ibm866");
    add(map, "ISO-8859-2", "ISO-8859-2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592",
        "iso_8859-2", "iso_8859-2:1987", "l2", "latin2");
    add(map, "ISO-8859-3", "ISO-8859-3", "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593",
        "iso_8859-3", "iso_8859-3:1988", "l3", "latin3");
    add(map, "ISO-8859-4", "ISO-8859-4", "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594",
        "iso_8859-4", "iso_8859-4:1988", "l4", "latin4");
    add(map, "ISO-8859-5", "ISO-8859-5", "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144",
        "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988");
    add(map, "ISO-8859-6", "ISO-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic",
        "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
        "iso_8859-6", "iso_8859-6:1987");
    add(map, "ISO-8859-7", "ISO-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8",
        "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek");
    add(map, "ISO-8859-8", "ISO-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
        "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual");
    // Logical-order Hebrew: the same bytes as ISO-8859-8 for a decoder.
    add(map, "ISO-8859-8-I", "ISO-8859-8", "csiso88598i", "iso-8859-8-i", "logical");
    add(map, "ISO-8859-13", "ISO-8859-13", "iso-8859-13", "iso8859-13", "iso885913");
    add(map, "ISO-8859-15", "ISO-8859-15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15",
        "l9");
    add(map, "KOI8-R", "KOI8-R", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r");
    add(map, "KOI8-U", "KOI8-U", "koi8-ru", "koi8-u");
    add(map, "macintosh", "x-MacRoman", "csmacintosh", "mac", "macintosh", "x-mac-roman");
    add(map, "windows-874", "x-windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620",
        "windows-874");
    add(map, "windows-1250", "windows-1250", "cp1250", "windows-1250", "x-cp1250");
    add(map, "windows-1251", "windows-1251", "cp1251", "windows-1251", "x-cp1251");
    add(map, WINDOWS_1252, "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii",
        "windows-1252", "x-cp1252");
    add(map, "windows-1253", "windows-1253", "cp1253", "windows-1253", "x-cp1253");
    add(map, "windows-1254", "windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9",
        "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254");
    add(map, "windows-1255", "windows-1255", "cp1255", "windows-1255", "x-cp1255");
    add(map, "windows-1256", "windows-1256", "cp1256", "windows-1256", "x-cp1256");
    add(map, "windows-1257", "windows-1257", "cp1257", "windows-1257", "x-cp1257");
    add(map, "windows-1258", "windows-1258", "cp1258", "windows-1258", "x-cp1258");
    add(map, "x-mac-cyrillic", "x-MacCyrillic", "x-mac-cyrillic", "x-mac-ukrainian");
    // GBK is decoded as gb18030, its superset (the standard keeps two names for the encoder's sake).
    add(map, "gb18030", "GB18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80",
        "gbk", "iso-ir-58", "x-gbk", "gb18030");
    add(map, "Big5", "Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
    add(map, "EUC-JP", "EUC-JP", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp");
    add(map, "ISO-2022-JP", "ISO-2022-JP", "csiso2022jp", "iso-2022-jp");
    add(map, "Shift_JIS", "windows-31j", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
        "windows-31j", "x-sjis");
    add(map, "EUC-KR", "x-windows-949", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean",
        "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949");
    add(map, UTF_16BE, "unicodefffe", "utf-16be");
    add(map, UTF_16LE, "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le");
    return Map.copyOf(map);
  }

  private static void add(Map<String, WebCharset> map, String name, String jdkName, String... labels) {
    if (!Charset.isSupported(jdkName)) {
      return; // a JRE without the extended charsets: the labels stay unknown rather than failing
    }
    add(map, new WebCharset(name, Charset.forName(jdkName)), labels);
  }

  private static void add(Map<String, WebCharset> map, WebCharset charset, String... labels) {
    for (String label : labels) {
      map.put(label, charset);
    }
  }
}
