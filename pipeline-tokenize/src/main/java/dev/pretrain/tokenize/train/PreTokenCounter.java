package dev.pretrain.tokenize.train;

import dev.pretrain.tokenize.pretokenize.PreTokenizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts pre-tokens (the pieces BPE never merges across) of texts: the trainer's input. The Spark
 * job does the same per partition and reduces the maps; this is the single-machine form.
 */
public final class PreTokenCounter {
  private final PreTokenizer splitter;
  private final Map<String, Long> counts = new HashMap<>();

  public PreTokenCounter(PreTokenizer splitter) {
    this.splitter = splitter;
  }

  public void add(String text) {
    splitter.split(text, 0, text.length(), (t, s, e) -> counts.merge(t.substring(s, e), 1L, Long::sum));
  }

  public Map<String, Long> counts() {
    return counts;
  }
}
