package dev.pretrain.tokenize;

import java.util.Map;

/**
 * What the pipeline needs from a tokenizer: text to ids and back, the id range, the special
 * tokens, and an identity recorded in manifests. Implementations are immutable and thread-safe.
 */
public interface Tokenizer {

  /** A short human-readable name, e.g. {@code tiktoken:cl100k_base} or a file name. */
  String name();

  /**
   * Ids of {@code text}, where the text of a special (added) token becomes that token's id, as HF
   * {@code tokenizers} does. Nothing is added at the start or the end.
   *
   * @throws IllegalArgumentException if the text has an unpaired surrogate (it is not Unicode)
   */
  int[] encode(String text);

  /** Ids of {@code text} with special-token text encoded as ordinary text (tiktoken's encode_ordinary). */
  int[] encodeOrdinary(String text);

  /** The text of {@code ids}; {@code decode(encode(x)).equals(x)} for every valid Unicode string. */
  String decode(int[] ids);

  /** One more than the largest id this tokenizer can return. */
  int vocabSize();

  /** Special tokens by their text, e.g. {@code <|endoftext|>}. */
  Map<String, Integer> specialTokens();

  /** Hex SHA-256 of the vocabulary definition (the tokenizer.json, or the tiktoken rank file). */
  String sha256();
}
