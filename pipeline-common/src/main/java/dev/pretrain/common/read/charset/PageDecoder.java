package dev.pretrain.common.read.charset;

import dev.pretrain.common.read.charset.DecodedPage.Decision;
import dev.pretrain.common.read.charset.StatisticalDetector.Guess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes a web page's bytes to text, deciding its charset the way a browser would and then
 * checking the decision against the bytes, because declarations on the web are often wrong:
 *
 * <ol>
 *   <li>a byte order mark wins over everything ({@link Decision#BOM});
 *   <li>bytes with nothing but ASCII take a fast path: every ASCII-compatible charset reads them
 *       alike, so no detector runs;
 *   <li>a declaration, the HTTP {@code Content-Type} charset first, then a {@code <meta>} one
 *       ({@link MetaPrescan}), is used unless the bytes contradict it: UTF-8 with multi-byte
 *       sequences ({@link Utf8Scan#mostlyUtf8}) is UTF-8, under a legacy declaration too (mojibake
 *       repaired), and a UTF-8 declaration over such bytes is kept without further checks; a legacy
 *       declaration under which the bytes hold invalid sequences, or decode to text that looks
 *       misdecoded ({@link Misdecoding}), or (for the CJK multi-byte charsets, whose confusions
 *       decode cleanly to wrong ideographs) that the detector confidently calls another charset,
 *       yields to the next declaration or the detector's answer when that decodes clearly better;
 *   <li>without a declaration: UTF-8 if the bytes are (mostly) UTF-8, else the statistical detector over the first
 *       {@link #DETECTION_PREFIX_BYTES} bytes ({@link StatisticalDetector}), else windows-1252 (the
 *       Encoding Standard's fallback for most locales).
 * </ol>
 *
 * Decoding replaces each malformed or unmappable sequence with U+FFFD and counts them. Thread-confined
 * (it keeps a JDK decoder per charset) and cheap to create.
 */
public final class PageDecoder {
  /** The detector and the plausibility check look at this much of a page, for speed. */
  public static final int DETECTION_PREFIX_BYTES = 64 * 1024;

  /** Above this {@link Misdecoding#score}, a decoding is implausible (correct texts score below 0.05). */
  static final double IMPLAUSIBLE = 0.15;

  /**
   * ICU's confidence above which its answer overrides a clean CJK declaration it gives less than
   * half that confidence to. Tuned on the test fixture (PageDecoderFixture).
   */
  static final int CJK_OVERRIDE_CONFIDENCE = 50;

  private static final Set<String> CJK_MULTI_BYTE = Set.of("Shift_JIS", "EUC-JP", "gb18030", "Big5", "EUC-KR");

  private final CountingDecoder decoder = new CountingDecoder();
  private final StatisticalDetector detector;

  public PageDecoder() {
    this(new StatisticalDetector());
  }

  PageDecoder(StatisticalDetector detector) {
    this.detector = detector;
  }

  /** A declaration and where it came from. */
  private record Declared(WebCharset charset, Decision source) {}

  /** One page's decoding under one charset, with its misdecoding score. */
  private record Attempt(WebCharset charset, String text, int replacements, double score) {}

  /** Decodes {@code length} bytes at {@code offset}; {@code httpContentType} may be null. */
  public DecodedPage decode(byte[] bytes, int offset, int length, String httpContentType) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ByteOrderMark bom = ByteOrderMark.at(bytes, offset, length);
    if (bom != null) {
      CountingDecoder.Result r = decoder.decode(bom.charset().decoder(), bytes, offset + bom.length(),
          length - bom.length());
      return new DecodedPage(r.text(), bom.charset().name(), Decision.BOM, r.replacements(), false);
    }
    WebCharset http = ContentTypeCharset.of(httpContentType).orElse(null);
    if (http != null && http.isUtf16()) {
      if (!hasNul(bytes, offset, Math.min(length, DETECTION_PREFIX_BYTES))) {
        http = null; // UTF-16 has a NUL in every ASCII character; these bytes are not UTF-16
      } else {
        CountingDecoder.Result r = decoder.decode(http.decoder(), bytes, offset, length);
        return new DecodedPage(r.text(), http.name(), Decision.HTTP, r.replacements(), false);
      }
    }
    WebCharset meta = MetaPrescan.find(bytes, offset, length).orElse(null);
    Utf8Scan scan = Utf8Scan.of(bytes, offset, length);
    if (scan.pureAscii()) {
      String text = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
      if (http != null && http.asciiCompatible()) {
        return new DecodedPage(text, http.name(), Decision.HTTP, 0, false);
      }
      if (meta != null && meta.asciiCompatible()) {
        return new DecodedPage(text, meta.name(), Decision.META, 0, false);
      }
      return new DecodedPage(text, WebCharset.UTF_8.name(), Decision.DEFAULT, 0, false);
    }
    List<Declared> declared = new ArrayList<>(2);
    if (http != null) {
      declared.add(new Declared(http, Decision.HTTP));
    }
    if (meta != null && !meta.equals(http)) {
      declared.add(new Declared(meta, Decision.META));
    }
    return declared.isEmpty()
        ? undeclared(bytes, offset, length, scan)
        : checkDeclared(bytes, offset, length, scan, declared);
  }

  private DecodedPage checkDeclared(byte[] bytes, int offset, int length, Utf8Scan scan, List<Declared> declared) {
    if (scan.mostlyUtf8()) {
      Attempt utf8 = attempt(WebCharset.UTF_8, bytes, offset, length);
      for (Declared d : declared) {
        if (d.charset().equals(WebCharset.UTF_8)) {
          return page(utf8, d.source(), false);
        }
      }
      return page(utf8, Decision.DETECTED, true);
    }
    List<Guess> guesses = null;
    Attempt first = null;
    boolean detectorDisagrees = false;
    for (Declared d : declared) {
      Attempt a = attempt(d.charset(), bytes, offset, length);
      if (first == null) {
        first = a;
      }
      if (a.replacements() == 0 && a.score() <= IMPLAUSIBLE) {
        if (!CJK_MULTI_BYTE.contains(d.charset().name())) {
          return page(a, d.source(), false);
        }
        if (guesses == null) {
          guesses = guesses(bytes, offset, length);
        }
        if (!confidentlyOther(guesses, d.charset())) {
          return page(a, d.source(), false);
        }
        detectorDisagrees = true;
      }
    }
    // Every declaration is contradicted by the bytes: take the detector's best answer that decodes
    // clearly better (or its confident top answer that overruled a CJK declaration, if that decodes
    // no worse), else keep the first declaration, its replacements counted.
    if (guesses == null) {
      guesses = guesses(bytes, offset, length);
    }
    for (Guess g : guesses) {
      if (declared.stream().anyMatch(d -> d.charset().equals(g.charset()))) {
        continue;
      }
      Attempt a = attempt(g.charset(), bytes, offset, length);
      boolean better = a.score() <= IMPLAUSIBLE
          && (detectorDisagrees && g == guesses.get(0) && a.replacements() <= first.replacements()
              || a.replacements() < first.replacements() && a.score() <= first.score()
              || a.replacements() == first.replacements() && a.score() < first.score() / 2);
      if (better) {
        boolean repaired = g.charset().equals(WebCharset.UTF_8);
        return page(a, Decision.DETECTED, repaired);
      }
    }
    return page(first, declared.get(0).source(), false);
  }

  private DecodedPage undeclared(byte[] bytes, int offset, int length, Utf8Scan scan) {
    if (scan.mostlyUtf8()) {
      return page(attempt(WebCharset.UTF_8, bytes, offset, length), Decision.DETECTED, false);
    }
    List<Guess> guesses = guesses(bytes, offset, length);
    Attempt best = null;
    for (Guess g : guesses.subList(0, Math.min(3, guesses.size()))) {
      Attempt a = attempt(g.charset(), bytes, offset, length);
      if (a.replacements() == 0 && a.score() <= IMPLAUSIBLE) {
        return page(a, Decision.DETECTED, false);
      }
      if (best == null) {
        best = a;
      }
    }
    if (best != null) {
      return page(best, Decision.DETECTED, false);
    }
    return page(attempt(WebCharset.WINDOWS_1252, bytes, offset, length), Decision.DEFAULT, false);
  }

  /**
   * The detector's candidates, without UTF-16 when the bytes hold no NUL: a BOM-less UTF-16 page
   * has a NUL in every ASCII character, and ASCII markup read as UTF-16 turns into clean-looking
   * ideographs that no plausibility check would reject.
   */
  private List<Guess> guesses(byte[] bytes, int offset, int length) {
    int prefix = Math.min(length, DETECTION_PREFIX_BYTES);
    List<Guess> guesses = detector.guesses(bytes, offset, length, DETECTION_PREFIX_BYTES);
    boolean nul = hasNul(bytes, offset, prefix);
    boolean c1 = hasC1(bytes, offset, prefix);
    List<Guess> kept = new ArrayList<>(guesses.size());
    for (Guess g : guesses) {
      if (g.charset().isUtf16() && !nul) {
        continue;
      }
      String windows = c1 ? WINDOWS_SUPERSET.get(g.charset().name()) : null;
      kept.add(windows == null ? g : new Guess(WebCharset.forLabel(windows).orElseThrow(), g.confidence()));
    }
    return kept;
  }

  /**
   * The windows table of the same script that an ISO-8859 guess stands for when the bytes use
   * 0x80-0x9F, where the ISO tables hold control codes no page uses and the windows tables letters
   * (windows-1250's ś, ź, š, ž): as the Encoding Standard reads iso-8859-1 as windows-1252.
   */
  private static final java.util.Map<String, String> WINDOWS_SUPERSET = java.util.Map.of(
      "ISO-8859-2", "windows-1250", "ISO-8859-7", "windows-1253", "ISO-8859-8", "windows-1255",
      "ISO-8859-8-I", "windows-1255");

  /** The detector's top answer is another charset, confidently, and it gives little to {@code declared}. */
  private static boolean confidentlyOther(List<Guess> guesses, WebCharset declared) {
    if (guesses.isEmpty() || guesses.get(0).charset().equals(declared)) {
      return false;
    }
    Guess top = guesses.get(0);
    int declaredConfidence = guesses.stream().filter(g -> g.charset().equals(declared))
        .mapToInt(Guess::confidence).findFirst().orElse(0);
    return top.confidence() >= CJK_OVERRIDE_CONFIDENCE && declaredConfidence * 2 < top.confidence();
  }

  private Attempt attempt(WebCharset charset, byte[] bytes, int offset, int length) {
    CountingDecoder.Result r = decoder.decode(charset.decoder(), bytes, offset, length);
    return new Attempt(charset, r.text(), r.replacements(), Misdecoding.score(r.text(), DETECTION_PREFIX_BYTES));
  }

  private static DecodedPage page(Attempt a, Decision decision, boolean mojibakeRepaired) {
    return new DecodedPage(a.text(), a.charset().name(), decision, a.replacements(), mojibakeRepaired);
  }

  private static boolean hasC1(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0x80 && b <= 0x9F) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNul(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
