package dev.pretrain.common.output;

/**
 * A job will not write where it was told to, because doing so could destroy data it did not write:
 * the output is an input, holds one, or is a directory that is not this pipeline's. Thrown before
 * anything is written or deleted; the command line exits with 2 (a bad command line).
 */
public final class OutputRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputRefused(String message) {
    super(message);
  }
}
