package dev.pretrain.tokenize.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static SettingsReader reader(List<String> sets) {
    return ConfigLayers.load(Optional.empty(), sets,
        TrainTokenizerSettings.SCHEMA.plus(TokenizeSettings.SCHEMA)).reader();
  }

  @Test
  void referenceConfDefaultsReadCleanly() {
    SettingsReader r = reader(List.of());
    TrainTokenizerSettings train = TrainTokenizerSettings.read(r);
    TokenizeSettings tokenize = TokenizeSettings.read(r);
    r.finish();
    assertEquals(List.of("<|endoftext|>"), train.specialTokens());
    assertEquals(SplitPattern.GPT2, train.splitPattern());
    assertEquals(TokenizeSettings.Remainder.DROP, tokenize.remainder());
    assertEquals(tokenize.seqLen() + 1, tokenize.rowLength());
  }

  @Test
  void badValuesAreAllNamedInOneError() {
    SettingsReader r = reader(List.of("train-tokenizer.vocab-size=100", "train-tokenizer.split-pattern=llama",
        "train-tokenizer.special-tokens=[\"a\",\"a\"]", "tokenize.remainder=keep", "tokenize.seq-len=0"));
    TrainTokenizerSettings.read(r);
    TokenizeSettings.read(r);
    RuntimeException e = assertThrows(RuntimeException.class, r::finish);
    for (String key : List.of("vocab-size", "split-pattern", "special-tokens", "remainder", "seq-len")) {
      assertTrue(e.getMessage().contains(key), key + " in " + e.getMessage());
    }
  }
}
