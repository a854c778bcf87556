package dev.pretrain.dedup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.testing.ReferenceConf;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {
  private static final ConfigSchema SCHEMA = CurateSettings.SCHEMA;

  static SettingsReader reader(String... sets) {
    return ConfigLayers.load(Optional.empty(), List.of(sets), SCHEMA).reader();
  }

  @Test
  void referenceConfHoldsThePublishedDefaults() {
    SettingsReader r = reader();
    FilterSettings read = FilterSettings.read(r);
    r.finish();
    GopherQualitySettings gopherQuality = new GopherQualitySettings(true, 50, 100_000, 3, 10, 0.1, 0.9, 0.3, 0.8, 2,
        List.of("the", "be", "to", "of", "and", "that", "have", "with"));
    GopherRepetitionSettings gopherRepetition = new GopherRepetitionSettings(true, 0.30, 0.30, 0.20, 0.20,
        List.of(0.20, 0.18, 0.16), List.of(0.15, 0.14, 0.13, 0.12, 0.11, 0.10));
    FineWebQualitySettings fineweb = new FineWebQualitySettings(true, 0.12, 0.67, 30, 0.1, 0.3, ".'\"!?");
    assertEquals(new FilterSettings(true, new C4PageSettings(true, true, true), gopherQuality, gopherRepetition, fineweb,
        new LanguageSettings(true, LanguageSettings.Engine.LANGID, List.of("en"), 0.65, List.of(),
            LanguageSettings.Accuracy.LOW, 1000), read.byLanguage(), List.of()), read);
    // The base of every language: the sections above, words between spaces.
    assertEquals(new LanguageProfile(WordUnits.SPACES, gopherQuality, gopherRepetition, fineweb), read.byLanguage().base());
  }

  @Test
  void eachFilterCanBeTurnedOff() {
    CurateSettings s = ReferenceConf.curate("curate.filter.gopher-quality.enabled=false",
        "curate.filter.c4-page.enabled=false");
    assertEquals(List.of(GopherRepetitionFilter.NAME, FineWebQualityFilter.NAME),
        FilterChain.qualityOf(CurateSteps.of(s)).filters().stream().map(DocumentFilter::name).toList());
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
    FilterChain chain = FilterChain.qualityOf(CurateSteps.of(ReferenceConf.curate()));
    Verdict v = chain.apply("short { text");
    assertEquals(C4PageFilter.NAME, v.filter());
    assertEquals("c4-page/curly-bracket", v.reason());
    assertEquals(1.0, v.measured());
  }
}
