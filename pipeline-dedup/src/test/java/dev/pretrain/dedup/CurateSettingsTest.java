package dev.pretrain.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.clean.CleanSettings;
import dev.pretrain.dedup.filter.FilterSettings;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurateSettingsTest {
  @Test
  void defaultsComeFromReferenceConf() {
    SettingsReader r = ConfigLayers.load(Optional.empty(), List.of(), CurateSettings.SCHEMA).reader();
    CurateSettings s = CurateSettings.read(r);
    r.finish();
    // Each section as read on its own; the sections' values are checked against the published
    // ones in CleanSettingsTest, FilterSettingsTest and ExactKeyAndSettingsTest.
    SettingsReader sections = ConfigLayers.load(Optional.empty(), List.of(), CurateSettings.SCHEMA).reader();
    assertEquals(CleanSettings.read(sections), s.clean());
    assertEquals(FilterSettings.read(sections), s.filter());
    assertEquals(MinHashSettings.read(sections), s.minhash());
    assertEquals(new MinHashSettings(5, 14, 8, MinHashSettings.DEFAULT_SEED), s.minhash());
    // Verification on by default (issue 12): unverified banding merged 0.75% of documents whose best
    // true Jaccard was under 0.6 on a held-out near-duplicate set.
    assertEquals(new DedupSettings(true, true, true, 40, 500_000, false, true, 0.7), s.dedup());
    assertEquals(0.1, s.read().maxBadFraction());
  }

  @Test
  void settingsShipToExecutorsAsTheyAre() throws Exception {
    CurateSettings s = ReferenceConf.curate("curate.filter.language.keep=[en, de]", "curate.minhash.shingle-words=7");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(s, in.readObject());
    }
  }

  @Test
  void aMisspelledKeyIsReported() {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of("curate.filter.gopher-quality.min-word=3"),
        CurateSettings.SCHEMA);
    ConfigError e = assertThrows(ConfigError.class, config::requireKnownKeys);
    assertTrue(e.getMessage().contains("min-word"), e.getMessage());
  }

  @Test
  void theRemovedBucketCapIsRefusedSayingWhy() {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of("curate.dedup.max-bucket-size=1000"),
        CurateSettings.SCHEMA);
    SettingsReader r = config.reader();
    CurateSettings.read(r);
    ConfigError e = assertThrows(ConfigError.class, r::finish);
    assertEquals(1, e.problems().size(), e.getMessage());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith("key 'curate.dedup.max-bucket-size' (--set curate.dedup.max-bucket-size=1000"), problem);
    assertTrue(problem.contains(") was removed: LSH buckets are no longer cut"), problem);
    assertTrue(problem.contains("delete this setting"), problem);
  }

  @Test
  void theOldHtmlSwitchIsRefusedNamingTheExtractStep() {
    LoadedConfig config = ConfigLayers.load(Optional.empty(), List.of("curate.clean.html.enabled=false"),
        CurateSettings.SCHEMA);
    SettingsReader r = config.reader();
    CurateSettings.read(r);
    ConfigError e = assertThrows(ConfigError.class, r::finish);
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith("key 'curate.clean.html' (--set curate.clean.html.enabled=false"), problem);
    assertTrue(problem.contains("was removed: HTML became the curate.extract step: curate.extract.mode = main"), problem);
  }
}
