package dev.pretrain.tokenize.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MixSettingsTest {

  private static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), TokenizeSettings.SCHEMA).reader();
  }

  private static List<String> problems(String... sets) {
    SettingsReader r = reader(sets);
    MixSettings.read(r);
    return assertThrows(ConfigError.class, r::finish).problems();
  }

  @Test
  void defaultsAreNoMixAndNoBudget() {
    SettingsReader r = reader();
    MixSettings mix = MixSettings.read(r);
    r.finish();
    assertEquals(List.of(), mix.sources());
    assertEquals(OptionalLong.empty(), mix.maxTokens());
    assertFalse(mix.mixes());
  }

  @Test
  void sourcesAreReadInOrderWithTheBudget() {
    SettingsReader r = reader("tokenize.mix=[{name=web, input=\"s3a://b/web:v2\", weight=0.5},"
        + "{name=code, input=/data/code, weight=3}]", "tokenize.max-tokens=20000");
    MixSettings mix = MixSettings.read(r);
    r.finish();
    assertEquals(List.of(new MixSource("web", "s3a://b/web:v2", 0.5), new MixSource("code", "/data/code", 3)),
        mix.sources());
    assertEquals(OptionalLong.of(20000), mix.maxTokens());
    assertTrue(mix.mixes());
  }

  @Test
  void aBudgetAloneCapsASingleInput() {
    SettingsReader r = reader("tokenize.max-tokens=5");
    assertTrue(MixSettings.read(r).mixes());
    r.finish();
  }

  @Test
  void everyBadValueIsNamedByItsKey() {
    List<String> p = problems("tokenize.mix=[{name=web, input=/w, weight=0}, {name=web, input=/x, weight=-1},"
        + "{name=books, input=/b, weight=1, wieght=2}, {name=\"a b\", input=\"\", weight=NaN}]",
        "tokenize.max-tokens=0");
    assertEquals(8, p.size(), String.join("\n", p));
    assertTrue(p.get(0).startsWith("unknown key 'tokenize.mix[2].wieght'"), p.get(0));
    assertTrue(p.get(0).contains("did you mean 'tokenize.mix[2].weight'?"), p.get(0));
    assertTrue(p.get(1).startsWith("'tokenize.mix[0].weight' must be greater than 0"), p.get(1));
    assertTrue(p.get(2).startsWith("'tokenize.mix[1].name' must be unique among the sources of tokenize.mix, got 'web'"),
        p.get(2));
    assertTrue(p.get(3).startsWith("'tokenize.mix[1].weight' must be a number from 0.0 to 1.0E12, got -1"), p.get(3));
    assertTrue(p.get(4).startsWith("'tokenize.mix[3].name' must be letters, digits"), p.get(4));
    assertTrue(p.get(5).startsWith("'tokenize.mix[3].input' must be a curate output directory"), p.get(5));
    assertTrue(p.get(6).startsWith("'tokenize.mix[3].weight' must be a number from 0.0 to 1.0E12, got 'NaN'"), p.get(6));
    assertTrue(p.get(7).startsWith("'tokenize.max-tokens' must be an integer from 1 to"), p.get(7));
  }

  @Test
  void aMissingWeightIsNamed() {
    List<String> p = problems("tokenize.mix=[{name=web, input=/w}]");
    assertEquals(List.of("'tokenize.mix[0].weight' is missing; it must be a number from 0.0 to 1.0E12"), p);
  }
}
