package dev.pretrain.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenizerJsonReaderTest {
  /** A byte-level vocabulary: all 256 byte symbols plus "ab" and "abc", with a placeholder for the rest. */
  private static String file(String model, String preTokenizer, String extra) {
    StringBuilder vocab = new StringBuilder();
    for (int b = 0; b < 256; b++) {
      char c = ByteLevelAlphabet.charOf(b);
      String key = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.valueOf(c);
      vocab.append('"').append(key).append("\":").append(b).append(',');
    }
    vocab.append("\"ab\":256,\"abc\":257,\"<|endoftext|>\":258");
    String m = model.replace("VOCAB", "{" + vocab + "}");
    return "{\"added_tokens\":[{\"id\":258,\"content\":\"<|endoftext|>\",\"special\":true}],"
        + "\"pre_tokenizer\":" + preTokenizer + ",\"model\":" + m + extra + "}";
  }

  private static final String BYTE_LEVEL = "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"use_regex\":true}";

  private static ByteLevelBpeTokenizer parse(String json) throws Exception {
    return TokenizerJsonReader.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  private static String refusal(String json) {
    return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
  }

  @Test
  void acceptsMergesAsStringsAndAsPairs() throws Exception {
    ByteLevelBpeTokenizer strings = parse(file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[\"a b\",\"ab c\"]}", BYTE_LEVEL, ""));
    ByteLevelBpeTokenizer pairs = parse(file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[[\"a\",\"b\"],[\"ab\",\"c\"]]}", BYTE_LEVEL, ""));
    assertArrayEquals(new int[] {257, 258, 256}, strings.encode("abc<|endoftext|>ab"));
    assertArrayEquals(strings.encode("abcab abc"), pairs.encode("abcab abc"));
    assertEquals(259, strings.vocabSize());
    assertEquals(64, strings.sha256().length());
  }

  @Test
  void addPrefixSpaceSpellsALeadingSpace() throws Exception {
    String pre = "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"use_regex\":true}";
    ByteLevelBpeTokenizer t = parse(file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[]}", pre, ""));
    // Ids in this vocabulary are the byte values: a space (spelled 'Ġ') is 32.
    assertArrayEquals(new int[] {' ', 'x'}, t.encode("x"));
    assertArrayEquals(new int[] {' ', 'x'}, t.encode(" x"));
    assertEquals("x", t.decode(new int[] {'x'}));
  }

  @Test
  void refusesWordPieceAndUnigram() {
    assertEquals("test.json: model type 'WordPiece' is not supported; only byte-level BPE (e.g. GPT-2, Llama-3,"
        + " cl100k-style) is", refusal(file("{\"type\":\"WordPiece\",\"vocab\":VOCAB}", BYTE_LEVEL, "")));
    assertEquals(true, refusal(file("{\"type\":\"Unigram\",\"vocab\":[]}", BYTE_LEVEL, "")).contains("'Unigram'"));
  }

  @Test
  void refusesMetaspaceAndNormalizers() {
    String bpe = "{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[]}";
    assertEquals("test.json: pre-tokenizer Metaspace is not byte-level (expected ByteLevel, or Sequence of Split"
        + " and ByteLevel)", refusal(file(bpe, "{\"type\":\"Metaspace\",\"replacement\":\"▁\"}", "")));
    assertEquals("test.json: normalizer NFKC changes the text; only byte-level BPE without a normalizer is"
        + " supported", refusal(file(bpe, BYTE_LEVEL, ",\"normalizer\":{\"type\":\"NFKC\"}")));
    assertEquals("test.json: decoder Metaspace is not ByteLevel; only byte-level BPE is supported",
        refusal(file(bpe, BYTE_LEVEL, ",\"decoder\":{\"type\":\"Metaspace\"}")));
    assertEquals(true, refusal(file("{\"type\":\"BPE\",\"byte_fallback\":true,\"vocab\":VOCAB,\"merges\":[]}",
        BYTE_LEVEL, "")).contains("SentencePiece-style"));
  }

  @Test
  void refusesAVocabularyMissingAByte() {
    String json = file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[]}", BYTE_LEVEL, "").replace("\"Ā\":0,", "");
    assertEquals("not a byte-level BPE vocabulary: byte 0x00 (symbol 'Ā') has no token", refusal(json));
  }

  @Test
  void refusesAMergeOutsideTheVocabulary() {
    assertEquals("merge 0 'a z' uses or makes a token that is not in the vocabulary",
        refusal(file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[\"a z\"]}", BYTE_LEVEL, "")));
  }

  @Test
  void refusesAnAddedTokenWhoseIdDisagreesWithTheVocabulary() {
    String json = file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[]}", BYTE_LEVEL, "")
        .replace("\"id\":258,\"content\":\"<|endoftext|>\"", "\"id\":300,\"content\":\"<|endoftext|>\"");
    assertEquals("added token '<|endoftext|>' has id 300 but the vocabulary gives it 258", refusal(json));
  }

  @Test
  void ignoreMergesEmitsAPieceThatIsAVocabularyTokenWhole() throws Exception {
    String model = "{\"type\":\"BPE\",\"ignore_merges\":IGNORE,\"vocab\":VOCAB,\"merges\":[\"a b\"]}";
    assertArrayEquals(new int[] {257}, parse(file(model.replace("IGNORE", "true"), BYTE_LEVEL, "")).encode("abc"));
    assertArrayEquals(new int[] {256, 'c'}, parse(file(model.replace("IGNORE", "false"), BYTE_LEVEL, "")).encode("abc"));
  }

  @Test
  void splitThenByteLevelUsesTheSplitRegex() throws Exception {
    String pre = "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\p{N}{1,3}\"},"
        + "\"behavior\":\"Isolated\",\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"use_regex\":false}]}";
    ByteLevelBpeTokenizer t = parse(file("{\"type\":\"BPE\",\"vocab\":VOCAB,\"merges\":[\"1 2\"]}", pre, "")
        .replace("\"abc\":257", "\"12\":257"));
    // "1212" splits into "121" and "2": the merge applies once.
    assertArrayEquals(new int[] {257, '1', '2'}, t.encode("1212"));
  }
}
