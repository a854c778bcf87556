package dev.pretrain.tokenize.pretokenize;

/** The split regexes a trained tokenizer can use (config names {@code gpt2}, {@code cl100k}). */
public enum SplitPattern {
  /** Written as HF's ByteLevel pre-tokenizer with {@code use_regex = true}. */
  GPT2(SplitPatterns.GPT2),
  /** Written as Split(regex, Isolated) followed by ByteLevel with {@code use_regex = false}. */
  CL100K(SplitPatterns.CL100K);

  private final String regex;

  SplitPattern(String regex) {
    this.regex = regex;
  }

  public String regex() {
    return regex;
  }

  public PreTokenizer splitter() {
    return SplitPatterns.splitterFor(regex);
  }
}
