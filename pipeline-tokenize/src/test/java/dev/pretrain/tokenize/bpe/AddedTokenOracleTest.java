package dev.pretrain.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Added tokens with lstrip, rstrip and single_word behave as in HF tokenizers. (The added tokens
 * here are not in the model vocabulary and take the next ids in order: HF ignores an added
 * token's "id" when its content is already a vocabulary token, so a file must agree with it.)
 */
class AddedTokenOracleTest {

  @Test
  void strippingAndSingleWordTokensMatchHuggingFace(@TempDir Path dir) throws Exception {
    String gpt2 = Files.readString(Gpt2TokenizerFile.path(), StandardCharsets.UTF_8);
    String extra = "{\"id\":50257,\"content\":\"<mask>\",\"single_word\":false,\"lstrip\":true,\"rstrip\":false,"
        + "\"normalized\":false,\"special\":true},"
        + "{\"id\":50258,\"content\":\"[SEP]\",\"single_word\":false,\"lstrip\":false,\"rstrip\":true,"
        + "\"normalized\":false,\"special\":true},"
        + "{\"id\":50259,\"content\":\"zqzq\",\"single_word\":true,\"lstrip\":false,\"rstrip\":false,"
        + "\"normalized\":false,\"special\":false},"
        + "{\"id\":50260,\"content\":\"<mask><mask>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,"
        + "\"normalized\":false,\"special\":true},";
    String json = gpt2.replaceFirst("\"added_tokens\":\\[", "\"added_tokens\":[" + java.util.regex.Matcher.quoteReplacement(extra));
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    ByteLevelBpeTokenizer ours = TokenizerJsonReader.read(file);
    List<String> texts = List.of(
        "fill the   <mask> here", "<mask>", "  <mask>  x", "a<mask><mask>b<mask> <mask>",
        "one [SEP]   two [SEP]\n\nthree[SEP]", "zqzq szqzqs zqzq, zqzqs s_zqzq zqzq_ 1zqzq zqzq",
        "<|endoftext|> <mask>[SEP]zqzq");
    try (HfOracle hf = new HfOracle(file)) {
      for (String text : texts) {
        assertArrayEquals(hf.encode(text), ours.encode(text), () -> "text: " + text);
      }
    }
  }
}
