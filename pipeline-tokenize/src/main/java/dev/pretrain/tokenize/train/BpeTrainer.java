package dev.pretrain.tokenize.train;

import dev.pretrain.tokenize.bpe.ByteLevelAlphabet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns byte-level BPE merges from pre-token counts (the driver side of tokenizer training).
 *
 * <p>Every pre-token starts as its UTF-8 bytes, one base token each; all 256 byte tokens are in
 * the vocabulary whether seen or not, so any text encodes. Each step merges the most frequent
 * adjacent pair (counts weighted by pre-token frequency) in every pre-token that has it, left to
 * right, until the vocabulary reaches {@code vocabSize} or the best pair is seen fewer than
 * {@code minFrequency} times.
 *
 * <p>Incremental, as in Sennrich et al. 2016 and HF's trainer: pair counts live in a table, a
 * pair → pre-tokens index says which pre-tokens a merge touches, and only those are rewritten and
 * their pairs' counts adjusted. A priority queue holds candidates; counts of pairs only fall
 * except for pairs with the new token, so a popped candidate whose count is stale is pushed back
 * with its current count (lazy deletion) and every pair whose count rose is pushed anew.
 *
 * <p>Ties (equal counts) are broken by a fixed rule, so the same counts give the same merges on
 * every run and machine: the pair whose left token's bytes are lexicographically smallest
 * (unsigned), then whose right token's bytes are. The order of the input map does not matter.
 *
 * <p>Ids: special tokens 0..k-1 in the given order (so {@code <|endoftext|>} keeps id 0 whatever
 * the vocabulary size), byte b at k + b, merged tokens after that in merge order. A merge whose
 * result already exists (two different pairs spelling the same bytes) keeps the existing id and
 * adds no token, as HF's trainer does.
 */
public final class BpeTrainer {

  /** What training did, for the run report. */
  public record Stats(int distinctWords, int merges, long lastMergeCount) {}

  private record Candidate(long pair, long count) {}

  private final BpeTrainerOptions options;
  private Stats stats;

  public BpeTrainer(BpeTrainerOptions options) {
    this.options = options;
  }

  public Stats stats() {
    return stats;
  }

  public TrainedBpe train(Map<String, Long> preTokenCounts) {
    List<String> specials = options.specialTokens();
    int k = specials.size();
    List<String> tokens = new ArrayList<>(specials);
    List<byte[]> tokenBytes = new ArrayList<>();
    Map<String, Integer> idOf = new HashMap<>();
    for (int i = 0; i < k; i++) {
      tokenBytes.add(specials.get(i).getBytes(StandardCharsets.UTF_8));
      idOf.put(specials.get(i), i);
    }
    for (int b = 0; b < 256; b++) {
      String spelled = String.valueOf(ByteLevelAlphabet.charOf(b));
      tokens.add(spelled);
      tokenBytes.add(new byte[] {(byte) b});
      idOf.putIfAbsent(spelled, k + b);
    }

    // Pre-tokens in a fixed order, so nothing depends on the map's iteration order.
    String[] words = preTokenCounts.keySet().toArray(new String[0]);
    Arrays.sort(words);
    int[][] symbols = new int[words.length][];
    long[] counts = new long[words.length];
    for (int w = 0; w < words.length; w++) {
      byte[] utf8 = words[w].getBytes(StandardCharsets.UTF_8);
      symbols[w] = new int[utf8.length];
      for (int i = 0; i < utf8.length; i++) {
        symbols[w][i] = k + (utf8[i] & 0xFF);
      }
      counts[w] = preTokenCounts.get(words[w]);
      if (counts[w] <= 0) {
        throw new IllegalArgumentException("pre-token count must be positive: '" + words[w] + "' " + counts[w]);
      }
    }

    PairCounts pairCounts = new PairCounts(words.length * 4);
    Map<Long, IntList> pairWords = new HashMap<>();
    for (int w = 0; w < words.length; w++) {
      int[] s = symbols[w];
      for (int i = 0; i + 1 < s.length; i++) {
        long p = PairCounts.pair(s[i], s[i + 1]);
        pairCounts.add(p, counts[w]);
        pairWords.computeIfAbsent(p, x -> new IntList()).add(w);
      }
    }

    Comparator<Candidate> order = Comparator.comparingLong(Candidate::count).reversed()
        .thenComparing((a, b) -> Arrays.compareUnsigned(
            tokenBytes.get(PairCounts.left(a.pair())), tokenBytes.get(PairCounts.left(b.pair()))))
        .thenComparing((a, b) -> Arrays.compareUnsigned(
            tokenBytes.get(PairCounts.right(a.pair())), tokenBytes.get(PairCounts.right(b.pair()))));
    PriorityQueue<Candidate> queue = new PriorityQueue<>(order);
    pairCounts.forEach((p, c) -> {
      if (c > 0) {
        queue.add(new Candidate(p, c));
      }
    });

    List<String[]> merges = new ArrayList<>();
    int[] seen = new int[words.length];
    int stamp = 0;
    long lastCount = 0;
    PairCounts delta = new PairCounts(1024);
    while (tokens.size() < options.vocabSize() && !queue.isEmpty()) {
      Candidate top = queue.poll();
      long current = pairCounts.get(top.pair());
      if (current != top.count()) {
        if (current > 0) {
          queue.add(new Candidate(top.pair(), current));
        }
        continue;
      }
      if (current < options.minFrequency()) {
        break;
      }
      int left = PairCounts.left(top.pair());
      int right = PairCounts.right(top.pair());
      byte[] mergedBytes = concat(tokenBytes.get(left), tokenBytes.get(right));
      String spelled = ByteLevelAlphabet.encode(mergedBytes);
      Integer existing = idOf.get(spelled);
      int mergedId;
      if (existing != null) {
        mergedId = existing;
      } else {
        mergedId = tokens.size();
        tokens.add(spelled);
        tokenBytes.add(mergedBytes);
        idOf.put(spelled, mergedId);
      }
      merges.add(new String[] {tokens.get(left), tokens.get(right)});
      lastCount = current;

      stamp++;
      delta.clear();
      IntList affected = pairWords.remove(top.pair());
      if (affected == null) {
        throw new IllegalStateException("pair with count " + current + " has no pre-tokens indexed");
      }
      for (int a = 0; a < affected.size(); a++) {
        int w = affected.get(a);
        if (seen[w] == stamp) {
          continue;
        }
        seen[w] = stamp;
        int[] before = symbols[w];
        int[] after = mergeWord(before, left, right, mergedId);
        if (after == null) {
          continue; // an earlier merge already removed the pair from this pre-token
        }
        long c = counts[w];
        for (int i = 0; i + 1 < before.length; i++) {
          delta.add(PairCounts.pair(before[i], before[i + 1]), -c);
        }
        for (int i = 0; i + 1 < after.length; i++) {
          long p = PairCounts.pair(after[i], after[i + 1]);
          delta.add(p, c);
          if (after[i] == mergedId || after[i + 1] == mergedId) {
            pairWords.computeIfAbsent(p, x -> new IntList()).add(w);
          }
        }
        symbols[w] = after;
      }
      delta.forEach((p, d) -> {
        if (d != 0) {
          long now = pairCounts.add(p, d);
          if (d > 0) {
            queue.add(new Candidate(p, now));
          }
        }
      });
    }
    stats = new Stats(words.length, merges.size(), lastCount);
    return new TrainedBpe(tokens, merges, specials, options.splitPattern());
  }

  /** The pre-token with every (left, right) merged left to right, or null if it has none. */
  static int[] mergeWord(int[] s, int left, int right, int merged) {
    int[] out = null;
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
        if (out == null) {
          out = new int[s.length - 1];
          System.arraycopy(s, 0, out, 0, i);
          n = i;
        }
        out[n++] = merged;
        i++;
      } else if (out != null) {
        out[n++] = s[i];
      }
    }
    return out == null ? null : Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A growable list of pre-token indices. */
  static final class IntList {
    private int[] data = new int[4];
    private int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int get(int i) {
      return data[i];
    }

    int size() {
      return size;
    }
  }
}
