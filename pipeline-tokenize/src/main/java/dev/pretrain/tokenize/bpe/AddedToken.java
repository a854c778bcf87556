package dev.pretrain.tokenize.bpe;

/**
 * An entry of tokenizer.json's {@code added_tokens}: text matched in the input before
 * pre-tokenization and mapped straight to {@code id}. {@code lstrip}/{@code rstrip} make the match
 * swallow whitespace on that side; {@code singleWord} only matches when not inside a word.
 */
public record AddedToken(
    int id, String content, boolean special, boolean lstrip, boolean rstrip, boolean singleWord) {

  public AddedToken {
    if (content == null || content.isEmpty()) {
      throw new IllegalArgumentException("added token " + id + " has empty content");
    }
  }

  public static AddedToken special(int id, String content) {
    return new AddedToken(id, content, true, false, false, false);
  }
}
