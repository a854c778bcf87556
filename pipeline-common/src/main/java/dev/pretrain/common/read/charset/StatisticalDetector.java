package dev.pretrain.common.read.charset;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ICU4J's {@link CharsetDetector} over a bounded prefix of a page, its answers mapped to web
 * encodings. ICU was chosen over juniversalchardet by {@code CharsetDetectionBench} (figures in
 * docs/benchmarks.md): it recognises ISO-8859-2 and the other Latin tables juniversalchardet lacks,
 * and it gives a confidence per candidate, which the decoder needs to weigh a declaration against.
 * Its input filter is on, so markup does not dilute the statistics.
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
