package dev.pretrain.dedup.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlNormalizerTest {
  private static String key(String url) {
    return UrlNormalizer.normalize(url).orElseThrow().key();
  }

  @Test
  void httpAndHttpsWwwDefaultPortFragmentAndCaseOfTheHostMakeOneKey() {
    String expected = "example.com/Page?id=7";
    for (String url : new String[] {"http://example.com/Page?id=7", "https://example.com/Page?id=7",
        "HTTPS://WWW.Example.COM/Page?id=7", "http://www.example.com:80/Page?id=7#top",
        "https://example.com:443/Page?id=7#", "https://user:pw@example.com./Page?id=7", " http://example.com/Page?id=7 "}) {
      assertEquals(expected, key(url), url);
    }
  }

  @Test
  void thePathKeepsItsCaseAndTrailingSlashButAnEmptyPathIsTheRoot() {
    assertEquals("example.com/", key("http://example.com"));
    assertEquals("example.com/", key("http://example.com/"));
    assertEquals("example.com/?q=1", key("http://example.com?q=1"));
    assertEquals("example.com/a/", key("http://example.com/a/"));
    assertEquals("example.com/a", key("http://example.com/a"));
    assertEquals("example.com/A", key("http://example.com/A"));
  }

  @Test
  void trackingParametersGoAndTheOthersKeepTheirOrder() {
    assertEquals("example.com/a?b=2&a=1&x",
        key("https://example.com/a?utm_source=news&b=2&fbclid=XY&a=1&UTM_Medium=mail&gclid=1&mc_cid=c&mc_eid=e&x"));
    assertEquals("example.com/a", key("https://example.com/a?utm_campaign=spring&msclkid=3"));
    assertEquals("example.com/a", key("https://example.com/a?&&"));
    // Only the names are looked at: a value that looks like a tracking name stays.
    assertEquals("example.com/a?ref=utm_source", key("https://example.com/a?ref=utm_source"));
  }

  @Test
  void nonDefaultPortsAndOtherSchemesStayApart() {
    assertEquals("example.com:8080/", key("http://example.com:8080/"));
    assertEquals("example.com:80/", key("https://example.com:80/"));
    assertEquals("ftp://example.com/file", key("ftp://example.com:21/file"));
  }

  @Test
  void aUrlWithoutSchemeIsReadAsHttpAsUt1ListsWriteThem() {
    assertEquals("example.com/path/page.html", key("www.example.com/path/page.html"));
    assertEquals("example.com/", key("//example.com"));
  }

  @Test
  void hostsAreAsciiAndIpv6LiteralsKeepTheirColons() {
    UrlNormalizer.Normalized idn = UrlNormalizer.normalize("https://Bücher.example/x").orElseThrow();
    assertEquals("xn--bcher-kva.example", idn.host());
    assertEquals("xn--bcher-kva.example/x", idn.key());
    assertEquals("[2001:db8::1]:8080/", key("http://[2001:db8::1]:8080/"));
    assertEquals("[2001:db8::1]/", key("http://[2001:db8::1]/"));
  }

  @Test
  void theHostDropsWwwForDomainMatching() {
    assertEquals("a.b.example.com", UrlNormalizer.normalize("http://www.a.b.example.com/x").orElseThrow().host());
    assertEquals("www2.example.com", UrlNormalizer.normalize("http://www2.example.com/").orElseThrow().host());
  }

  @Test
  void noHostNoKey() {
    assertEquals(Optional.empty(), UrlNormalizer.normalize(null));
    assertEquals(Optional.empty(), UrlNormalizer.normalize(""));
    assertEquals(Optional.empty(), UrlNormalizer.normalize("http:///path"));
    assertTrue(UrlNormalizer.normalize("http://x/").isPresent());
  }
}
