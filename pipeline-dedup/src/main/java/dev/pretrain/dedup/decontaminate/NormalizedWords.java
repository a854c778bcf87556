package dev.pretrain.dedup.decontaminate;

import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.minhash.Hash64;
import dev.pretrain.dedup.text.WordSpans;
import java.util.Arrays;

/**
 * The words of a text after the dedup normalization ({@link DedupNormalizer}), each with its hash
 * and its span in the text as it was, so a match found on normalized words can be shown, and cut,
 * where it is in the original.
 *
 * <p>The normalizer changes lengths (punctuation and accents vanish, "1,000" becomes "0", some
 * chars become two), so offsets cannot be carried through it char by char. They are carried by
 * word instead: the normalizer splits words only at the chars it treats as spaces, and a run of
 * other chars becomes one word or, when it is all punctuation, nothing. So the text is cut at
 * those chars here ({@link WordSpans}), each piece normalized alone, and the non-empty results are
 * exactly the words of the whole text's normalization, in order (pinned down by
 * {@code NormalizedWordsTest}); a word's span is its piece's.
 *
 * <p>An instance reuses its arrays and normalizer: one per task, not thread-safe.
 */
final class NormalizedWords {
  /** Seeds of the word and n-gram hashes (arbitrary; sets and documents use the same). */
  private static final long WORD_SEED = 0x6465636f6e74616dL;
  private static final long NGRAM_SEED = 0x6e6772616d733133L;
  /** The chars the normalizer treats as spaces, found by asking it (one bit per char). */
  private static final long[] SPACES = spaces();

  private final DedupNormalizer normalizer = new DedupNormalizer();
  private long[] hashes = new long[256];
  private int[] starts = new int[256];
  private int[] ends = new int[256];
  private int count;

  private static long[] spaces() {
    long[] bits = new long[0x10000 / 64];
    DedupNormalizer normalizer = new DedupNormalizer();
    char[] probe = {'a', ' ', 'b'};
    for (int c = 0; c < 0x10000; c++) {
      probe[1] = (char) c;
      // "a b": the char became a word break (dropped it gives "ab", a letter or digit "axb").
      if (normalizer.normalize(new String(probe)) == 3 && normalizer.buffer()[1] == ' ') {
        bits[c >>> 6] |= 1L << c;
      }
    }
    return bits;
  }

  /** For a char ({@link WordSpans} passes each as an int). */
  static boolean isSpace(int c) {
    return (SPACES[c >>> 6] & (1L << c)) != 0;
  }

  /** Finds the words of {@code text}; returns how many. */
  int scan(String text) {
    count = 0;
    WordSpans.forEach(text, NormalizedWords::isSpace, (start, end) -> {
      int len = normalizer.normalize(text.substring(start, end));
      if (len > 0) {
        add(Hash64.chars(normalizer.buffer(), 0, len, WORD_SEED), start, end);
      }
    });
    return count;
  }

  private void add(long hash, int start, int end) {
    if (count == hashes.length) {
      hashes = Arrays.copyOf(hashes, count * 2);
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    hashes[count] = hash;
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  int count() {
    return count;
  }

  /** The hash of the {@code length} words from word {@code first}; n-grams of different lengths differ. */
  long ngram(int first, int length) {
    return Hash64.longs(hashes, first, length, NGRAM_SEED);
  }

  /** Where word {@code i} starts in the text scanned (a char index). */
  int start(int i) {
    return starts[i];
  }

  /** Where word {@code i} ends in the text scanned (exclusive). */
  int end(int i) {
    return ends[i];
  }

  /** The normalized words of a span of the original text, joined by spaces: what an n-gram matched. */
  static String normalized(String text, int start, int end) {
    return DedupNormalizer.normalizeToString(text.substring(start, end));
  }
}
