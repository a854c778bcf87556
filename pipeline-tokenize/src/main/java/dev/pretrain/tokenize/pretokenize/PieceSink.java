package dev.pretrain.tokenize.pretokenize;

/** Receives the pieces a {@link PreTokenizer} cuts out of a text, as {@code [start, end)} char ranges. */
@FunctionalInterface
public interface PieceSink {
  void accept(String text, int start, int end);
}
