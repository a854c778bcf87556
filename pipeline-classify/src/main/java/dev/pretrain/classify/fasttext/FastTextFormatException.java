package dev.pretrain.classify.fasttext;

import java.io.IOException;

/**
 * A file that is not a fastText model this reader can use: not a fastText file, a version it does
 * not know, a word-vector model, or sizes that do not fit the file (truncated or damaged). The
 * message names the file and what is wrong with it.
 */
public final class FastTextFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public FastTextFormatException(String file, String problem) {
    super(file + ": " + problem);
  }

  public FastTextFormatException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
