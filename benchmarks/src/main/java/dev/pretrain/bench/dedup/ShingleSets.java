package dev.pretrain.bench.dedup;

import dev.pretrain.dedup.clean.CleanChain;
import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.minhash.DedupNormalizer;
import java.util.HashSet;
import java.util.Set;

/**
 * Exact shingle sets, the ground truth the MinHash estimates approximate: word k-grams of
 * {@link DedupNormalizer} text as strings (no hashing, so no collisions), k the job's default
 * {@code curate.minhash.shingle-words}, optionally after the job's default clean chain, which is
 * the text the job signs. A text with fewer than k words has no shingles, as the job gives it no
 * signature.
 *
 * <p>Not thread-safe (the clean chain's counters are per call, but keep one instance per task).
 */
public final class ShingleSets {
  private final int shingleWords;
  private final CleanChain clean;

  /** @param cleanFirst apply the job's default clean chain ({@code curate.clean}) before normalizing */
  public ShingleSets(boolean cleanFirst) {
    this.shingleWords = CurateConfig.defaults().minhash().shingleWords();
    this.clean = cleanFirst ? CleanChain.of(CurateSteps.of(CurateConfig.defaults())) : null;
  }

  public Set<String> of(String text) {
    String seen = clean == null ? text : clean.apply(text, new CleanCounters());
    String normalized = DedupNormalizer.normalizeToString(seen);
    Set<String> out = new HashSet<>();
    if (normalized.isEmpty()) {
      return out;
    }
    String[] words = normalized.split(" ");
    StringBuilder shingle = new StringBuilder();
    for (int i = 0; i + shingleWords <= words.length; i++) {
      shingle.setLength(0);
      for (int w = 0; w < shingleWords; w++) {
        if (w > 0) {
          shingle.append(' ');
        }
        shingle.append(words[i + w]);
      }
      out.add(shingle.toString());
    }
    return out;
  }

  public double jaccard(String a, String b) {
    return jaccard(of(a), of(b));
  }

  /** |A ∩ B| / |A ∪ B|; 0 when both are empty (texts without shingles share nothing). */
  public static double jaccard(Set<String> a, Set<String> b) {
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    long common = 0;
    for (String s : small) {
      if (large.contains(s)) {
        common++;
      }
    }
    long union = a.size() + b.size() - common;
    return union == 0 ? 0.0 : (double) common / union;
  }
}
