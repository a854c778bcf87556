package dev.pretrain.tokenize.pretokenize;

import java.util.regex.Pattern;

/**
 * The published pre-tokenizer regexes, in the syntax tokenizer.json files use (Oniguruma/PCRE),
 * and their Java equivalents.
 *
 * <p>{@code \s} in Oniguruma and Python's {@code regex} is Unicode whitespace (White_Space), while
 * Java's {@code \s} is ASCII-only unless {@link Pattern#UNICODE_CHARACTER_CLASS} is set, so every
 * pattern here is compiled with that flag (which also makes {@code (?i)} Unicode-aware, as it is
 * in Oniguruma). {@code \p{L}} and {@code \p{N}} mean the same general categories in both.
 */
public final class SplitPatterns {
  private SplitPatterns() {}

  /** GPT-2's pattern (openai/gpt-2 src/encoder.py; HF's ByteLevel pre-tokenizer with use_regex). */
  public static final String GPT2 =
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  /** cl100k_base's pattern (tiktoken_ext/openai_public.py); Llama-3 files use the same Split. */
  public static final String CL100K =
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
          + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  /** Compiles a tokenizer.json regex with the flags that give it Oniguruma's meaning in Java. */
  public static Pattern compile(String regex) {
    return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
  }

  /**
   * The fastest splitter for a regex: hand-written for GPT-2's and cl100k's patterns,
   * java.util.regex otherwise.
   */
  public static PreTokenizer splitterFor(String regex) {
    if (GPT2.equals(regex)) {
      return new Gpt2Splitter();
    }
    if (CL100K.equals(regex)) {
      return new Cl100kSplitter();
    }
    return new RegexSplitter(compile(regex));
  }
}
