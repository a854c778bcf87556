package dev.pretrain.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * MinHasher's signatures and shingle sets against their definition, computed here the plain way
 * (a k-word window indexed modulo k, one permutation at a time), and Hash64's two-seed pass
 * against two one-seed passes.
 */
class MinHasherReferenceTest {
  /** The signature by the class's documented definition, or empty below one shingle. */
  private static Optional<long[]> reference(MinHashSettings settings, String text, TreeSet<Long> shingles) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int permutations = settings.permutations();
    long[] a = new long[permutations];
    long[] b = new long[permutations];
    for (int j = 0; j < permutations; j++) {
      a[j] = random.nextLong() | 1L;
      b[j] = random.nextLong();
    }
    int k = settings.shingleWords();
    long[] multipliers = new long[k];
    for (int i = 0; i < k; i++) {
      multipliers[i] = random.nextLong() | 1L;
    }
    char[] chars = DedupNormalizer.normalizeToString(text).toCharArray();
    long[] window = new long[k];
    long[] signature = new long[permutations];
    Arrays.fill(signature, Long.MAX_VALUE);
    int words = 0;
    int i = 0;
    while (i < chars.length) {
      int start = i;
      while (i < chars.length && chars[i] != ' ') {
        i++;
      }
      window[words % k] = Hash64.chars(chars, start, i - start, 0);
      words++;
      i++;
      if (words >= k) {
        long sum = 0;
        for (int w = 0; w < k; w++) {
          sum += window[(words - k + w) % k] * multipliers[w];
        }
        long shingle = Hash64.fmix64(sum);
        shingles.add(shingle);
        for (int j = 0; j < permutations; j++) {
          signature[j] = Math.min(signature[j], a[j] * shingle + b[j]);
        }
      }
    }
    return words >= k ? Optional.of(signature) : Optional.empty();
  }

  @Test
  void signaturesAndShingleSetsMatchTheDefinition() {
    Random random = new Random(17);
    String[] vocabulary = {"the", "cat", "sat", "on", "a", "mat", "Caf\u00e9", "1,000", "don't", "\u4e2d\u6587", "\uD83D\uDE00",
        "x", "--", "\n", "  "};
    for (MinHashSettings settings : new MinHashSettings[] {ReferenceConf.curate().minhash(),
        new MinHashSettings(3, 4, 2, 99), new MinHashSettings(1, 2, 3, -5), new MinHashSettings(7, 5, 5, 1)}) {
      MinHasher hasher = new MinHasher(settings);
      for (int t = 0; t < 400; t++) {
        StringBuilder sb = new StringBuilder();
        int words = random.nextInt(t % 50 == 0 ? 2000 : 40);
        for (int w = 0; w < words; w++) {
          sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        String text = sb.toString();
        TreeSet<Long> shingles = new TreeSet<>();
        Optional<long[]> expected = reference(settings, text, shingles);
        Optional<long[]> actual = hasher.signature(text);
        assertEquals(expected.isPresent(), actual.isPresent(), text);
        if (expected.isPresent()) {
          assertArrayEquals(expected.get(), actual.get(), text);
        }
        assertArrayEquals(shingles.stream().mapToLong(Long::longValue).toArray(), hasher.shingleSet(text), text);
      }
    }
  }

  @Test
  void twoSeedsInOnePassEqualTwoPasses() {
    Random random = new Random(23);
    for (int len = 0; len < 40; len++) {
      char[] chars = new char[len + 3];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) random.nextInt(0x10000);
      }
      long seedA = random.nextLong();
      long seedB = random.nextLong();
      assertArrayEquals(new long[] {Hash64.chars(chars, 2, len, seedA), Hash64.chars(chars, 2, len, seedB)},
          Hash64.chars(chars, 2, len, seedA, seedB), "length " + len);
    }
  }
}
