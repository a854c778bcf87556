package dev.pretrain.tokenize.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pretrain.tokenize.bpe.ByteLevelAlphabet;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  /** The example of Sennrich et al. 2016, "Neural Machine Translation of Rare Words with Subword Units". */
  private static final Map<String, Long> SENNRICH = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);

  private static List<String> merges(TrainedBpe bpe) {
    List<String> out = new ArrayList<>();
    bpe.merges().forEach(m -> out.add(m[0] + " " + m[1]));
    return out;
  }

  @Test
  void mergesMostFrequentPairsBreakingTiesByLeftTokenBytes() {
    BpeTrainer trainer = new BpeTrainer(new BpeTrainerOptions(256 + 1 + 4, 1, List.of("<|endoftext|>"), SplitPattern.GPT2));
    TrainedBpe bpe = trainer.train(SENNRICH);
    // "e s" and "s t" both have 9: 'e' < 's' picks "e s". Then "l o" and "o w" tie at 7: 'l' < 'o'.
    assertEquals(List.of("e s", "es t", "l o", "lo w"), merges(bpe));
    // Byte 0x00 is spelled U+0100 in the byte-level alphabet, byte '!' as itself.
    assertEquals(List.of("<|endoftext|>", "\u0100"), bpe.tokens().subList(0, 2));
    assertEquals("!", bpe.tokens().get(1 + '!'));
    assertEquals("low", bpe.tokens().get(260));
    assertEquals(new BpeTrainer.Stats(4, 4, 7), trainer.stats());
  }

  @Test
  void stopsAtMinFrequency() {
    TrainedBpe bpe = new BpeTrainer(new BpeTrainerOptions(1000, 8, List.of(), SplitPattern.GPT2)).train(SENNRICH);
    assertEquals(List.of("e s", "es t"), merges(bpe));
    assertEquals(258, bpe.tokens().size());
  }

  @Test
  void alwaysHasAllByteTokensAfterTheSpecials() {
    TrainedBpe bpe = new BpeTrainer(new BpeTrainerOptions(300, 1, List.of("<|a|>", "<|b|>"), SplitPattern.GPT2))
        .train(Map.of("x", 1L));
    assertEquals(258, bpe.tokens().size());
    for (int b = 0; b < 256; b++) {
      assertEquals(String.valueOf(ByteLevelAlphabet.charOf(b)), bpe.tokens().get(2 + b));
    }
  }

  @Test
  void mergesRepeatedSymbolsLeftToRight() {
    assertArrayEquals(new int[] {9, 9, 1}, BpeTrainer.mergeWord(new int[] {1, 1, 1, 1, 1}, 1, 1, 9));
    assertArrayEquals(new int[] {2, 9, 3}, BpeTrainer.mergeWord(new int[] {2, 1, 4, 3}, 1, 4, 9));
    assertEquals(null, BpeTrainer.mergeWord(new int[] {1, 2}, 2, 1, 9));
  }

  @Test
  void sameMergesWhateverTheInputOrder() {
    Map<String, Long> forward = new LinkedHashMap<>();
    Map<String, Long> backward = new LinkedHashMap<>();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      words.add(" w" + Integer.toString(i * 7919 % 1000, 3));
    }
    for (String w : words) {
      forward.put(w, (long) (w.hashCode() & 7) + 1);
    }
    for (int i = words.size() - 1; i >= 0; i--) {
      backward.put(words.get(i), forward.get(words.get(i)));
    }
    BpeTrainerOptions options = new BpeTrainerOptions(400, 1, BpeTrainerOptions.DEFAULT_SPECIAL_TOKENS, SplitPattern.GPT2);
    assertArrayEquals(TokenizerJsonWriter.toBytes(new BpeTrainer(options).train(forward)),
        TokenizerJsonWriter.toBytes(new BpeTrainer(options).train(backward)));
  }

  @Test
  void refusesAVocabularyTooSmallForTheBytes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BpeTrainerOptions(256, 2, List.of("<|endoftext|>"), SplitPattern.GPT2));
    assertEquals("vocab-size 256 is below the 256 byte tokens plus 1 special tokens", e.getMessage());
  }
}
