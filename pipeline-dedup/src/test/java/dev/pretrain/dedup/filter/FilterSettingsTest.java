package dev.pretrain.dedup.filter;

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

class FilterSettingsTest {
  private static final ConfigSchema SCHEMA = new ConfigSchema(List.of("curate"), Set.of());

  static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), SCHEMA).reader();
  }

  @Test
  void referenceConfHoldsThePublishedDefaults() {
    SettingsReader r = reader();
    FilterSettings read = FilterSettings.read(r);
    r.finish();
    assertEquals(FilterSettings.defaults(), read);
  }

  @Test
  void eachFilterCanBeTurnedOff() {
    SettingsReader r = reader("curate.filter.gopher-quality.enabled=false", "curate.filter.c4-page.enabled=false");
    FilterSettings s = FilterSettings.read(r);
    r.finish();
    assertEquals(List.of(GopherRepetitionFilter.NAME, FineWebQualityFilter.NAME),
        s.enabledFilters().stream().map(DocumentFilter::name).toList());
  }

  @Test
  void badThresholdsAreAllReported() {
    SettingsReader r = reader("curate.filter.gopher-quality.min-words=200", "curate.filter.gopher-quality.max-words=100",
        "curate.filter.gopher-repetition.dup-n-gram-char-frac=[0.1, 0.2]", "curate.filter.fineweb-quality.max-short-lines=2");
    FilterSettings.read(r);
    List<String> problems = assertThrows(ConfigError.class, r::finish).problems();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("max-words"), problems.toString());
  }

  @Test
  void chainStopsAtTheFirstDrop() {
    FilterChain chain = FilterChain.of(FilterSettings.defaults());
    Verdict v = chain.apply("short { text");
    assertEquals(C4PageFilter.NAME, v.filter());
    assertEquals("c4-page/curly-bracket", v.reason());
    assertEquals(1.0, v.measured());
  }
}
