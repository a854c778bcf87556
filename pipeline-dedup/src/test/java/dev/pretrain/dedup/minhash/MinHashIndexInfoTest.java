package dev.pretrain.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** curate.minhash.implementation and the index's record of what wrote it. */
class MinHashIndexInfoTest {
  private static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), new ConfigSchema(List.of("curate"), Set.of())).reader();
  }

  @Test
  void implementationIsJvmByDefaultSqlWhenChosenAndAnythingElseIsRefusedByName() {
    SettingsReader r = reader();
    assertEquals(MinHashSettings.Implementation.JVM, MinHashSettings.read(r).implementation());
    r.finish();
    SettingsReader sql = reader("curate.minhash.implementation=sql");
    assertEquals(MinHashSettings.Implementation.SQL, MinHashSettings.read(sql).implementation());
    sql.finish();
    SettingsReader gpu = reader("curate.minhash.implementation=gpu");
    MinHashSettings.read(gpu);
    ConfigError e = assertThrows(ConfigError.class, gpu::finish);
    assertTrue(e.getMessage().contains("curate.minhash.implementation") && e.getMessage().contains("jvm, sql"),
        e.getMessage());
  }

  @Test
  void roundTripsThroughJsonAndRefusesKeysMadeDifferently() {
    MinHashSettings sql = new MinHashSettings(5, 14, 8, 42L, MinHashSettings.Implementation.SQL);
    MinHashIndexInfo info = MinHashIndexInfo.of(sql);
    assertEquals(info, MinHashIndexInfo.fromJson(info.toJson()));
    assertTrue(info.toJson().contains("\"implementation\" : \"sql\""), info.toJson());
    info.requireComparableWith(sql);
    assertThrows(IllegalArgumentException.class, () -> info.requireComparableWith(
        new MinHashSettings(5, 14, 8, 42L, MinHashSettings.Implementation.JVM)));
    assertThrows(IllegalArgumentException.class, () -> info.requireComparableWith(
        new MinHashSettings(5, 20, 13, 42L, MinHashSettings.Implementation.SQL)));
    assertThrows(IllegalArgumentException.class, () -> MinHashIndexInfo.fromJson("{\"implementation\": \"sql\"}"));
    assertThrows(IllegalArgumentException.class, () -> MinHashIndexInfo.fromJson("not json"));
  }
}
