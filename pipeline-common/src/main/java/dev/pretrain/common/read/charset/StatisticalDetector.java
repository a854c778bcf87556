package dev.pretrain.common.read.charset;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ICU4J's {@link CharsetDetector} over a bounded prefix of a page, its answers mapped to web
 * encodings. Chosen over juniversalchardet 2.5.2 by {@code CharsetDetectionBench} (2 cores, load
 * average ~6 from other work): on the test fixture's undeclared pages ICU decodes 20/20 exactly,
 * juniversalchardet 18/20 (it has no ISO-8859-2 or windows-1250 model, so Polish and Czech come out
 * as windows-1252); on 900 real pages both agree with the page's declaration (99.4% and 99.8%; ICU's
 * extra misses are UTF-8 pages, which the decoder settles by {@link Utf8Scan} before any detector).
 * juniversalchardet is about 10x faster (medians of 233 to 356 MB/s of 64 KiB prefixes over five
 * bench runs, against ICU's 26 to 28), but the decoder calls the detector only for non-UTF-8 pages
 * whose declaration is missing, contradicted or CJK, so the whole decoder runs at 223 to 241 MB/s
 * over those real pages; and ICU gives a confidence per
 * candidate, which the CJK cross-check needs. The price is the jar: 15 MB, of which ICU's locale
 * data ({@code com/ibm/icu/impl/data}) is 12 MB the detector never reads (the bench's figures are
 * the same with it deleted), so the cluster jar can filter it out. Its input filter is on, so
 * markup does not dilute the statistics.
 */
class StatisticalDetector { // not final: a test counts its calls
  /** A candidate encoding and ICU's confidence in it, 0 to 100. */
  record Guess(WebCharset charset, int confidence) {}

  /** The candidates for the first {@code prefixBytes} bytes, most likely first, each charset once. */
  List<Guess> guesses(byte[] bytes, int offset, int length, int prefixBytes) {
    byte[] prefix = Arrays.copyOfRange(bytes, offset, offset + Math.min(length, prefixBytes));
    CharsetDetector detector = new CharsetDetector();
    detector.enableInputFilter(true);
    detector.setText(prefix);
    CharsetMatch[] matches = detector.detectAll();
    List<Guess> guesses = new ArrayList<>(matches.length);
    for (CharsetMatch match : matches) {
      WebCharset.forLabel(match.getName()).ifPresent(charset -> {
        if (guesses.stream().noneMatch(g -> g.charset().equals(charset))) {
          guesses.add(new Guess(charset, match.getConfidence()));
        }
      });
    }
    return guesses;
  }
}
