package dev.pretrain.dedup.filter;

/**
 * What the quality filters count as a word of a language ({@code curate.filter.by-language.<code>.word-units}).
 *
 * <p>FineWeb-2 gives every language a word segmenter (datatrove's {@code tokenizer_assignment.csv}:
 * spaCy and Stanza models, jieba for Chinese, SudachiPy for Japanese, PyThaiNLP for Thai); the
 * JVM has no such segmenters for Chinese, Japanese or Thai, so for those scripts a unit is one
 * character, which is about a morpheme in Chinese and Japanese (FineWeb-2's own Chinese and
 * Japanese stop words are single characters: 的, 在, 是; の, に, を).
 */
public enum WordUnits {
  /**
   * Words between spaces, with leading and trailing punctuation split off ({@link WordTokens}):
   * what the filters have always counted, right for languages written with spaces.
   */
  SPACES,
  /**
   * As {@link #SPACES}, except that each character of a script written without spaces between
   * words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan), with the combining marks
   * that follow it, is a word of its own; runs of other scripts in the same text (Latin words,
   * numbers) stay whole words.
   */
  CHARACTERS
}
