package dev.pretrain.common.read;

/** An input path or glob that matches nothing: a bad command line, so the command exits with 2. */
public final class InputNotFound extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InputNotFound(String message) {
    super(message);
  }
}
