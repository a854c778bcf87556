package dev.pretrain.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactKeyAndSettingsTest {
  private static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), new ConfigSchema(List.of("curate"), Set.of())).reader();
  }

  @Test
  void exactKeyIgnoresCasePunctuationSpacingAndNumbers() {
    DedupNormalizer n = new DedupNormalizer();
    ExactKey a = ExactKey.of(n, "The price is $10, today.");
    assertEquals(a, ExactKey.of(n, "the  PRICE is 25 today"));
    assertNotEquals(a, ExactKey.of(n, "The price is $10, tomorrow."));
    assertEquals(32, a.hex().length());
  }

  @Test
  void hashIsStableAcrossRuns() {
    // Golden values from a separate Python transcription of Hash64's definition; changing the
    // hash changes every stored band key and exact key.
    assertEquals(0x9353dfc8a195f3e2L, Hash64.chars("", 0));
    assertEquals(0xf3691f39ded6c0f5L, Hash64.chars("hello", 0));
    assertNotEquals(Hash64.chars("hello", 0), Hash64.chars("hello", 1));
  }

  @Test
  void referenceConfHoldsTheFineWebBanding() {
    SettingsReader r = reader();
    MinHashSettings s = MinHashSettings.read(r);
    r.finish();
    assertEquals(new MinHashSettings(5, 14, 8, MinHashSettings.DEFAULT_SEED), s);
    assertEquals(112, s.permutations());
  }

  @Test
  void presetsAndCustomBanding() {
    SettingsReader r = reader("curate.minhash.preset=strict-20x13");
    MinHashSettings strict = MinHashSettings.read(r);
    r.finish();
    assertEquals(260, strict.permutations());
    SettingsReader c = reader("curate.minhash.preset=custom", "curate.minhash.bands=9", "curate.minhash.rows=13");
    MinHashSettings custom = MinHashSettings.read(c);
    c.finish();
    assertEquals(9, custom.bands());
    assertEquals(13, custom.rows());
  }

  @Test
  void bandsSetUnderANamedPresetIsAnErrorNamingBothKeys() {
    SettingsReader r = reader("curate.minhash.bands=20");
    MinHashSettings.read(r);
    ConfigError e = assertThrows(ConfigError.class, r::finish);
    assertEquals(1, e.problems().size(), e.getMessage());
    String problem = e.problems().get(0);
    assertTrue(problem.contains("curate.minhash.bands") && problem.contains("curate.minhash.preset")
        && problem.contains("fineweb-14x8"), problem);
    SettingsReader same = reader("curate.minhash.rows=8"); // the default, as a rendered config repeats it
    MinHashSettings.read(same);
    same.finish();
  }
}
