package dev.pretrain.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHasherTest {
  private static final MinHashSettings DEFAULTS = ReferenceConf.curate().minhash();

  /** Random lower-case words from a fixed vocabulary, seeded. */
  private static final class Corpus {
    final Random random;
    final String[] vocabulary;

    Corpus(long seed) {
      random = new Random(seed);
      vocabulary = new String[20_000];
      for (int i = 0; i < vocabulary.length; i++) {
        int len = 3 + random.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < len; j++) {
          sb.append((char) ('a' + random.nextInt(26)));
        }
        vocabulary[i] = sb.toString();
      }
    }

    List<String> document(int words) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < words; i++) {
        out.add(vocabulary[random.nextInt(vocabulary.length)]);
      }
      return out;
    }

    /** A copy with {@code edits} words replaced at random positions. */
    List<String> edited(List<String> doc, int edits) {
      List<String> out = new ArrayList<>(doc);
      for (int i = 0; i < edits; i++) {
        out.set(random.nextInt(out.size()), vocabulary[random.nextInt(vocabulary.length)] + "q");
      }
      return out;
    }
  }

  static double trueJaccard(String x, String y, int k) {
    Set<String> a = shingles(x, k);
    Set<String> b = shingles(y, k);
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    a.retainAll(b);
    return (double) a.size() / union.size();
  }

  private static Set<String> shingles(String text, int k) {
    String[] w = DedupNormalizer.normalizeToString(text).split(" ");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + k <= w.length; i++) {
      out.add(String.join(" ", Arrays.copyOfRange(w, i, i + k)));
    }
    return out;
  }

  @Test
  void identicalTextsAndTextsEqualAfterNormalizationHaveIdenticalSignatures() {
    MinHasher h = new MinHasher(DEFAULTS);
    String text = String.join(" ", new Corpus(1).document(200));
    long[] x = h.signature(text).orElseThrow();
    assertArrayEquals(x, new MinHasher(DEFAULTS).signature(text).orElseThrow());
    assertArrayEquals(x, h.signature("  " + text.toUpperCase().replace(" ", " ,\n ") + "!").orElseThrow());
    assertEquals(112, x.length);
  }

  @Test
  void documentsShorterThanOneShingleGetNoSignature() {
    MinHasher h = new MinHasher(DEFAULTS);
    assertTrue(h.signature("one two three four").isEmpty());
    assertTrue(h.signature("one, two... three! four?? -- ## ").isEmpty());
    assertTrue(h.signature("").isEmpty());
    assertTrue(h.signature("one two three four five").isPresent());
  }

  @Test
  void signaturesDependOnTheSeed() {
    String text = String.join(" ", new Corpus(2).document(100));
    long[] a = new MinHasher(DEFAULTS).signature(text).orElseThrow();
    long[] b = new MinHasher(new MinHashSettings(5, 14, 8, 99)).signature(text).orElseThrow();
    assertFalse(Arrays.equals(a, b));
  }

  @Test
  void estimatedJaccardTracksTrueJaccardOnControlledEdits() {
    Corpus corpus = new Corpus(3);
    MinHasher h = new MinHasher(DEFAULTS);
    double totalError = 0;
    int pairs = 0;
    for (int edits : new int[] {2, 5, 10, 20, 40, 80}) {
      for (int rep = 0; rep < 10; rep++) {
        List<String> doc = corpus.document(400);
        String x = String.join(" ", doc);
        String y = String.join(" ", corpus.edited(doc, edits));
        double truth = trueJaccard(x, y, 5);
        double estimate = SignatureAgreement.estimatedJaccard(h.signature(x).orElseThrow(), h.signature(y).orElseThrow());
        // 112 rows: standard error at most 0.047; 0.16 is beyond 3 standard errors.
        assertEquals(truth, estimate, 0.16, "edits=" + edits);
        totalError += estimate - truth;
        pairs++;
      }
    }
    // No bias: the mean error over 60 pairs is within ~2 standard errors of the mean.
    assertEquals(0, totalError / pairs, 0.02);
  }

  @Test
  void bandCollisionProbabilityFollowsTheSCurve() {
    Corpus corpus = new Corpus(4);
    MinHasher h = new MinHasher(DEFAULTS);
    int bands = DEFAULTS.bands();
    int rows = DEFAULTS.rows();
    long[] kx = new long[bands];
    long[] ky = new long[bands];
    for (int edits : new int[] {12, 25, 45}) {
      double predicted = 0;
      int collided = 0;
      int pairs = 150;
      for (int p = 0; p < pairs; p++) {
        List<String> doc = corpus.document(300);
        String x = String.join(" ", doc);
        String y = String.join(" ", corpus.edited(doc, edits));
        double s = trueJaccard(x, y, 5);
        predicted += 1 - Math.pow(1 - Math.pow(s, rows), bands);
        h.bandKeys(h.signature(x).orElseThrow(), kx);
        h.bandKeys(h.signature(y).orElseThrow(), ky);
        boolean shared = false;
        for (int b = 0; b < bands; b++) {
          shared |= kx[b] == ky[b];
        }
        collided += shared ? 1 : 0;
      }
      predicted /= pairs;
      double observed = (double) collided / pairs;
      // Binomial standard error over 150 pairs is at most 0.041.
      assertEquals(predicted, observed, 0.12, "edits=" + edits + " predicted=" + predicted);
    }
  }

  @Test
  void bandKeysAreEqualExactlyWhenTheBandsRowsAre() {
    MinHasher h = new MinHasher(DEFAULTS);
    long[] sig = new long[112];
    long[] keys = new long[14];
    h.bandKeys(sig, keys);
    // All-zero rows in every band still give a different key per band.
    assertEquals(14, Arrays.stream(keys).distinct().count());
    long[] other = sig.clone();
    other[8 * 3 + 5] = 1;
    long[] otherKeys = new long[14];
    h.bandKeys(other, otherKeys);
    for (int b = 0; b < 14; b++) {
      if (b == 3) {
        assertNotEquals(keys[b], otherKeys[b]);
      } else {
        assertEquals(keys[b], otherKeys[b]);
      }
    }
  }

  @Test
  void signaturesAndBandKeysAreStableAcrossVersions() {
    // Pinned: the band index written for incremental refreshes (dedup/index/) is only comparable
    // with new documents while these stay the same. Changing the normalizer, the hash, the
    // permutation scheme or the default seed breaks every existing index.
    MinHasher h = new MinHasher(DEFAULTS);
    long[] sig = h.signature("The quick brown fox jumps over the lazy dog, again and again.").orElseThrow();
    long[] keys = new long[14];
    h.bandKeys(sig, keys);
    assertEquals(0x80684d6b0e4e889fL, sig[0]);
    assertEquals(0x8032afe83cc759d7L, sig[1]);
    assertEquals(0x95a4d60d63a67dd9L, sig[111]);
    assertEquals(0x90bd3163e960e04cL, keys[0]);
    assertEquals(0x3d433db6c9921b1cL, keys[13]);
  }

  @Test
  void wrongBufferSizesAreRejected() {
    MinHasher h = new MinHasher(DEFAULTS);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> h.sign("a b c d e", new long[100]));
    assertTrue(e.getMessage().contains("112"), e.getMessage());
  }

  @Test
  void signingNormalizedTextEqualsSigningTheTextAndSharesTheExactKeysNormalization() {
    String text = "The Quick, brown fox -- 1,000 times -- jumps over the lazy dog's back again and again.";
    MinHasher hasher = new MinHasher(DEFAULTS);
    long[] direct = new long[DEFAULTS.permutations()];
    assertTrue(hasher.sign(text, direct));
    DedupNormalizer normalizer = new DedupNormalizer();
    int len = normalizer.normalize(text);
    long[] fromNormalized = new long[DEFAULTS.permutations()];
    assertTrue(new MinHasher(DEFAULTS).signNormalized(normalizer.buffer(), len, fromNormalized));
    assertArrayEquals(direct, fromNormalized);
    assertEquals(ExactKey.of(new DedupNormalizer(), text), ExactKey.ofNormalized(normalizer.buffer(), len));
    assertFalse(hasher.signNormalized("too short".toCharArray(), 9, fromNormalized));
  }

  @Test
  void sortHashesSortsLikeArraysSort() {
    java.util.Random random = new java.util.Random(11);
    java.util.List<long[]> inputs = new java.util.ArrayList<>();
    for (int n : new int[] {0, 1, 2, 3, 100, 1500, 20_000}) {
      long[] uniform = new long[n];
      for (int i = 0; i < n; i++) {
        uniform[i] = random.nextLong();
      }
      inputs.add(uniform);
    }
    long[] clustered = new long[5000]; // small values: all in one or two buckets
    for (int i = 0; i < clustered.length; i++) {
      clustered[i] = random.nextInt(2000) - 1000;
    }
    inputs.add(clustered);
    long[] repeated = new long[3000]; // few distinct values, each many times, extremes included
    long[] values = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 0x5EEDL << 40};
    for (int i = 0; i < repeated.length; i++) {
      repeated[i] = values[random.nextInt(values.length)];
    }
    inputs.add(repeated);
    for (long[] input : inputs) {
      long[] expected = input.clone();
      java.util.Arrays.sort(expected);
      long[] padded = java.util.Arrays.copyOf(input, input.length + 7); // only the first n count
      assertArrayEquals(expected, MinHasher.sortHashes(padded, input.length), "n = " + input.length);
    }
  }

  @Test
  void shingleSetIsSortedDistinctAndGivesExactJaccard() {
    MinHasher hasher = new MinHasher(new MinHashSettings(2, 1, 1, 3));
    // Word pairs: "ab bc" "bc ab" repeat, so 2 distinct shingles; the second text adds "ab cd".
    long[] x = hasher.shingleSet("ab bc ab bc ab bc");
    long[] y = hasher.shingleSet("ab bc ab cd");
    assertEquals(2, x.length);
    assertEquals(3, y.length);
    assertTrue(x[0] < x[1]);
    assertTrue(y[0] < y[1] && y[1] < y[2]);
    assertEquals(2.0 / 3, MinHasher.jaccard(x, y), 1e-12);
    assertEquals(0, hasher.shingleSet("ab").length);
  }
}
