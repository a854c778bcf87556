package dev.pretrain.tokenize;

import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import dev.pretrain.tokenize.tiktoken.TiktokenTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes a {@link Tokenizer} from the config string: {@code tiktoken:NAME} for a tiktoken
 * vocabulary ({@code r50k_base}, {@code cl100k_base}, {@code o200k_base}), anything else is the
 * path of a byte-level BPE {@code tokenizer.json} (optionally gzipped).
 */
public final class Tokenizers {
  public static final String TIKTOKEN_PREFIX = "tiktoken:";

  private Tokenizers() {}

  public static Tokenizer load(String spec) throws IOException {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("tokenizer is empty; expected tiktoken:NAME or a tokenizer.json path");
    }
    if (spec.startsWith(TIKTOKEN_PREFIX)) {
      String name = spec.substring(TIKTOKEN_PREFIX.length());
      return new TiktokenTokenizer(TiktokenTokenizer.Vocabulary.named(name));
    }
    return TokenizerJsonReader.read(Path.of(spec));
  }
}
