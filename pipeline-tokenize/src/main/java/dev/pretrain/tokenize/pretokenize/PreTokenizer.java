package dev.pretrain.tokenize.pretokenize;

/**
 * Cuts a text range into pieces that BPE merges never cross. Implementations are stateless and
 * thread-safe; every char of {@code [start, end)} ends up in exactly one piece, in order.
 */
public interface PreTokenizer {
  void split(String text, int start, int end, PieceSink sink);

  /** Applies {@code next} to every piece this one produces (HF's Sequence of pre-tokenizers). */
  default PreTokenizer then(PreTokenizer next) {
    PreTokenizer first = this;
    return (text, start, end, sink) ->
        first.split(text, start, end, (t, s, e) -> next.split(t, s, e, sink));
  }

  /** Leaves the range whole (ByteLevel with {@code use_regex = false}). */
  PreTokenizer WHOLE = (text, start, end, sink) -> {
    if (end > start) {
      sink.accept(text, start, end);
    }
  };
}
