package dev.pretrain.tokenize.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.tokenize.bpe.ByteLevelBpeTokenizer;
import dev.pretrain.tokenize.bpe.Fixtures;
import dev.pretrain.tokenize.bpe.HfOracle;
import dev.pretrain.tokenize.bpe.RandomText;
import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A tokenizer trained here, written as tokenizer.json, encodes like HF tokenizers loading it. */
class TrainedTokenizerOracleTest {

  static TrainedBpe train(SplitPattern pattern) {
    PreTokenCounter counter = new PreTokenCounter(pattern.splitter());
    for (int i = 0; i < 20; i++) {
      Fixtures.all().forEach(counter::add);
    }
    Random random = new Random(11);
    for (int i = 0; i < 300; i++) {
      counter.add(RandomText.next(random, 80));
    }
    return new BpeTrainer(new BpeTrainerOptions(1200, 2, BpeTrainerOptions.DEFAULT_SPECIAL_TOKENS, pattern))
        .train(counter.counts());
  }

  @ParameterizedTest
  @EnumSource(SplitPattern.class)
  void writtenFileLoadsInHfAndHereWithIdenticalIds(SplitPattern pattern, @TempDir Path dir) throws Exception {
    TrainedBpe bpe = train(pattern);
    Path file = dir.resolve("tokenizer.json");
    TokenizerJsonWriter.write(bpe, file);
    ByteLevelBpeTokenizer ours = TokenizerJsonReader.read(file);
    assertEquals(1200, ours.vocabSize());
    assertEquals(0, ours.specialTokens().get("<|endoftext|>"));
    try (HfOracle hf = new HfOracle(file)) {
      for (String text : Fixtures.all()) {
        assertArrayEquals(hf.encode(text), ours.encode(text), () -> "fixture: " + text);
        assertEquals(text, ours.decode(ours.encode(text)));
      }
      Random random = new Random(3);
      for (int i = 0; i < 300; i++) {
        String text = RandomText.next(random, 100);
        assertArrayEquals(hf.encode(text), ours.encode(text), "random case " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SplitPattern.class)
  void sameInputGivesByteIdenticalFile(SplitPattern pattern) {
    assertArrayEquals(TokenizerJsonWriter.toBytes(train(pattern)), TokenizerJsonWriter.toBytes(train(pattern)));
  }

  @ParameterizedTest
  @EnumSource(SplitPattern.class)
  void fileStartsWithTheHfLayout(SplitPattern pattern) {
    String json = new String(TokenizerJsonWriter.toBytes(train(pattern)), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(true, json.startsWith("{\n  \"version\" : \"1.0\",\n  \"truncation\" : null,"), json.substring(0, 60));
    assertEquals(pattern == SplitPattern.CL100K, json.contains("\"type\" : \"Split\""));
  }
}
