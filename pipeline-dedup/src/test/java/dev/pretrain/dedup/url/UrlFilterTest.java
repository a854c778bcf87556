package dev.pretrain.dedup.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The URL filter on the made-up UT1-layout fixture in src/test/resources/url/ut1. */
class UrlFilterTest {
  static final String UT1 = Path.of("src/test/resources/url/ut1").toAbsolutePath().toString();
  private static final Configuration HADOOP = new Configuration();

  private static UrlFilter filter(List<String> categories, List<String> bannedWords) {
    return new UrlFilter(new UrlFilterSettings(true, UT1, categories, bannedWords), HADOOP);
  }

  private static final UrlFilter ADULT = filter(List.of("adult"), List.of());

  /** The rule and the matched entry of a drop, or "kept". */
  private static String verdict(UrlFilter filter, String url) {
    StepDocument document = new StepDocument("text", url, false);
    Optional<Rejection> dropped = filter.run(document);
    if (dropped.isEmpty()) {
      assertEquals(Map.of(), document.addedMeta());
      return "kept";
    }
    assertEquals(Rejection.FILTER, dropped.get().stage());
    assertEquals(null, dropped.get().value());
    String rule = dropped.get().rule();
    assertEquals("url-filter/" + rule.split(":")[0], dropped.get().reason());
    return rule + " " + document.addedMeta().get(UrlFilter.MATCH_META);
  }

  @Test
  void aListedDomainBlocksItselfAndEverySubdomainButNoLookalike() {
    assertEquals("url-blocklist:adult adult-example.test", verdict(ADULT, "http://adult-example.test/"));
    assertEquals("url-blocklist:adult adult-example.test", verdict(ADULT, "https://www.adult-example.test/a?b=c"));
    assertEquals("url-blocklist:adult adult-example.test", verdict(ADULT, "https://a.b.ADULT-example.test:8443/"));
    assertEquals("kept", verdict(ADULT, "http://notadult-example.test/"));
    assertEquals("kept", verdict(ADULT, "http://adult-example.test.other.test/"));
    assertEquals("kept", verdict(ADULT, "http://example.test/adult-example.test"));
  }

  @Test
  void listEntriesAreNormalizedAsUrlsAreAndCommentsAndBlankLinesSkipped() {
    // Listed as WWW.Upper-Example.test.
    assertEquals("url-blocklist:adult upper-example.test", verdict(ADULT, "http://shop.upper-example.test/"));
    assertEquals(6, UrlLists.get(new UrlFilterSettings(true, UT1, List.of("adult"), List.of()), HADOOP).size());
  }

  @Test
  void aListedAddressBlocksOnlyItself() {
    assertEquals("url-blocklist:adult 192.0.2.7", verdict(ADULT, "http://192.0.2.7/x"));
    assertEquals("kept", verdict(ADULT, "http://10.192.0.2.7/x"));
  }

  @Test
  void aListedUrlBlocksThatPageInAnySpellingAndNoOther() {
    assertEquals("url-blocklist:adult video-example.test/watch/123",
        verdict(ADULT, "https://www.video-example.test/watch/123?utm_source=feed#t=10"));
    assertEquals("url-blocklist:adult pages-example.test/members/", verdict(ADULT, "http://pages-example.test/members/"));
    assertEquals("kept", verdict(ADULT, "https://video-example.test/watch/1234"));
    assertEquals("kept", verdict(ADULT, "https://video-example.test/watch/123?v=2"));
    assertEquals("kept", verdict(ADULT, "https://video-example.test/"));
  }

  @Test
  void onlyTheConfiguredCategoriesApplyAndTheFirstListingOneIsReported() {
    assertEquals("kept", verdict(ADULT, "http://bets-example.test/"));
    UrlFilter both = filter(List.of("gambling", "adult"), List.of());
    assertEquals("url-blocklist:gambling bets-example.test", verdict(both, "http://bets-example.test/"));
    assertEquals("url-blocklist:gambling shared-example.test", verdict(both, "http://shared-example.test/"));
    assertEquals("url-blocklist:adult shared-example.test", verdict(ADULT, "http://shared-example.test/"));
  }

  @Test
  void aBannedWordMustBeAWholeTokenOfTheUrl() {
    UrlFilter words = new UrlFilter(Optional.empty(), new BannedWords(List.of("casino", "xxx")));
    assertEquals("url-banned-word casino", verdict(words, "https://www.casino.example/"));
    assertEquals("url-banned-word casino", verdict(words, "https://example.test/Play-CASINO_games"));
    assertEquals("url-banned-word xxx", verdict(words, "https://example.test/?q=xxx"));
    assertEquals("kept", verdict(words, "https://casinos-history.example/"));
    assertEquals("kept", verdict(words, "https://example.test/casinoroyale"));
    // A tracking parameter is gone before the words are looked for.
    assertEquals("kept", verdict(words, "https://example.test/?utm_campaign=casino"));
  }

  @Test
  void theBlocklistIsCheckedBeforeTheWords() {
    UrlFilter both = filter(List.of("adult"), List.of("adult"));
    assertEquals("url-blocklist:adult adult-example.test", verdict(both, "http://adult-example.test/adult"));
    assertEquals("url-banned-word adult", verdict(both, "http://example.test/adult"));
  }

  @Test
  void aDocumentWithoutAUsableUrlPasses() {
    assertEquals("kept", verdict(filter(List.of("adult"), List.of("casino")), null));
    assertEquals("kept", verdict(ADULT, ""));
    assertEquals("kept", verdict(ADULT, "http:///no-host"));
  }

  @Test
  void theListsAreLoadedOncePerJvmAndConfiguration() {
    UrlFilterSettings settings = new UrlFilterSettings(true, UT1, List.of("adult"), List.of());
    assertSame(UrlLists.get(settings, HADOOP), UrlLists.get(settings, HADOOP));
    assertSame(UrlLists.get(settings, HADOOP),
        UrlLists.get(new UrlFilterSettings(true, UT1, List.of("adult"), List.of("casino")), HADOOP));
  }

  @Test
  void aMissingDirectoryCategoryOrListStopsTheJobNamingThePath() {
    UrlFilter.check(new UrlFilterSettings(true, UT1, List.of("adult", "gambling"), List.of()), HADOOP);
    ConfigError missing = assertThrows(ConfigError.class,
        () -> UrlFilter.check(new UrlFilterSettings(true, UT1 + "/nowhere", List.of("adult"), List.of()), HADOOP));
    assertTrue(missing.getMessage().contains("curate.url-filter.blocklist") && missing.getMessage().contains(UT1 + "/nowhere"),
        missing.getMessage());
    ConfigError categories = assertThrows(ConfigError.class,
        () -> UrlFilter.check(new UrlFilterSettings(true, UT1, List.of("adullt", "press"), List.of()), HADOOP));
    assertEquals(2, categories.problems().size(), categories.getMessage());
    assertTrue(categories.problems().get(0).contains("no category adullt")
        && categories.problems().get(0).contains("its categories: adult, gambling, press"), categories.getMessage());
    assertTrue(categories.problems().get(1).contains(UT1 + "/press has neither a domains nor a urls file"),
        categories.getMessage());
    // Off, or without a blocklist, nothing is read.
    UrlFilter.check(new UrlFilterSettings(false, UT1 + "/nowhere", List.of("adult"), List.of()), HADOOP);
    UrlFilter.check(new UrlFilterSettings(true, "", List.of("adult"), List.of("casino")), HADOOP);
  }
}
