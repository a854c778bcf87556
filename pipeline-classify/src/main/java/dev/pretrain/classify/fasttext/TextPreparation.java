package dev.pretrain.classify.fasttext;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a document's text becomes one line for a fastText classifier, the same way for training
 * ({@code train-classifier}) and scoring (curate's classifier step): fastText reads one example per
 * line, so each newline becomes a space (a newline would end the example at its first paragraph,
 * as fastText's {@code </s>} does); with {@code lowercase}, the text is lower-cased (Locale.ROOT), as
 * DCLM's and FineWeb-Edu's fastText filters expect. Nothing else changes: fastText's own
 * tokenization ({@link LineFeatures}) splits the result.
 *
 * @param lowercase whether to lower-case the text
 */
public record TextPreparation(boolean lowercase) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The text as one line. */
  public String prepare(String text) {
    String line = text.replace('\n', ' ');
    return lowercase ? line.toLowerCase(Locale.ROOT) : line;
  }
}
