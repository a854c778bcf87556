package dev.pretrain.tokenize.bpe;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * HF tokenizers (Rust, through DJL's JNI) as the reference for ids. DJL by default adds special
 * tokens and truncates to 512 tokens; both are turned off so it returns the bare encoding.
 */
public final class HfOracle implements AutoCloseable {
  private final HuggingFaceTokenizer hf;

  public HfOracle(Path tokenizerJson) throws IOException {
    hf = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
        "addSpecialTokens", "false", "truncation", "false", "padding", "false"));
  }

  public int[] encode(String text) {
    long[] ids = hf.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  @Override
  public void close() {
    hf.close();
  }
}
