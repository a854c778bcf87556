package dev.pretrain.dedup.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlFilterSettingsTest {
  @Test
  void offByDefaultWithFineWebsCategoryAndNoList() {
    assertEquals(new UrlFilterSettings(false, "", List.of("adult"), List.of()), ReferenceConf.curate().urlFilter());
    assertTrue(ReferenceConf.curate().dedup().url());
  }

  @Test
  void theUrlFilterIsTheFirstStepWhenOn() {
    List<String> names = CurateSteps.of(ReferenceConf.curate("curate.url-filter.enabled=true",
        "curate.url-filter.blocklist=\"" + UrlFilterTest.UT1 + "\"")).stream().map(DocumentStep::name).toList();
    assertEquals(UrlFilter.NAME, names.get(0));
    assertEquals(List.of("extract", "nfc"), names.subList(1, 3));
  }

  @Test
  void onWithNothingToMatchIsRefused() {
    ConfigError e = assertThrows(ConfigError.class, () -> ReferenceConf.curate("curate.url-filter.enabled=true"));
    assertTrue(e.getMessage().contains("'curate.url-filter.enabled' must be false unless"), e.getMessage());
  }

  @Test
  void badCategoriesAndWordsAreNamed() {
    ConfigError e = assertThrows(ConfigError.class, () -> ReferenceConf.curate(
        "curate.url-filter.enabled=true", "curate.url-filter.blocklist=/lists",
        "curate.url-filter.categories=[adult, \"../etc\"]", "curate.url-filter.banned-words=[ok, Casino, \"two words\"]"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).contains("curate.url-filter.categories") && e.problems().get(0).contains("[../etc]"),
        e.getMessage());
    assertTrue(e.problems().get(1).contains("curate.url-filter.banned-words")
        && e.problems().get(1).contains("[Casino, two words]"), e.getMessage());
    ConfigError none = assertThrows(ConfigError.class, () -> ReferenceConf.curate(
        "curate.url-filter.enabled=true", "curate.url-filter.blocklist=/lists", "curate.url-filter.categories=[]"));
    assertTrue(none.getMessage().contains("'curate.url-filter.categories' must name at least one category"), none.getMessage());
  }
}
