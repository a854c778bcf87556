package dev.pretrain.tokenize.train;

import dev.pretrain.tokenize.pretokenize.SplitPattern;
import java.util.HashSet;
import java.util.List;

/**
 * What to train.
 *
 * @param vocabSize the target number of ids, special tokens and the 256 byte tokens included
 * @param minFrequency a pair seen fewer times than this is never merged (training stops there)
 * @param specialTokens given ids 0, 1, ... in this order
 * @param splitPattern the pre-tokenizer written into the tokenizer.json; it must be the one the
 *     pre-token counts were made with
 */
public record BpeTrainerOptions(
    int vocabSize, long minFrequency, List<String> specialTokens, SplitPattern splitPattern) {

  public static final List<String> DEFAULT_SPECIAL_TOKENS = List.of("<|endoftext|>");

  public BpeTrainerOptions {
    specialTokens = List.copyOf(specialTokens);
    if (vocabSize < 256 + specialTokens.size()) {
      throw new IllegalArgumentException("vocab-size " + vocabSize + " is below the 256 byte tokens plus "
          + specialTokens.size() + " special tokens");
    }
    if (minFrequency < 1) {
      throw new IllegalArgumentException("min-frequency must be at least 1, was " + minFrequency);
    }
    if (new HashSet<>(specialTokens).size() != specialTokens.size() || specialTokens.contains("")) {
      throw new IllegalArgumentException("special tokens must be distinct and non-empty: " + specialTokens);
    }
  }
}
