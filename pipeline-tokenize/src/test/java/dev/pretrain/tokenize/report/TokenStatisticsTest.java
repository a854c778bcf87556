package dev.pretrain.tokenize.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TokenStatisticsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void countsBySourceAndLanguageAddUpAcrossMergedPartitions() throws Exception {
    TokenStatistics a = new TokenStatistics();
    a.add("web", "en", 3, 12);
    a.add("web", "de", 100, 450);
    TokenStatistics b = new TokenStatistics();
    b.add("books", "en", 1, 1);
    b.add("web", "en", 4, 20);
    b.add(null, "", 2, 5);
    JsonNode json = JSON.readTree(a.merge(b).toJson());

    JsonNode bySource = json.get("by_source");
    assertEquals("(none) books web", bySource.findValuesAsText("source").stream().reduce((x, y) -> x + " " + y).orElseThrow());
    JsonNode web = bySource.get(2);
    assertEquals(3, web.get("documents").asLong());
    assertEquals(107, web.get("tokens").asLong());
    assertEquals(482, web.get("text_bytes").asLong());
    assertEquals(482.0 / 107, web.get("bytes_per_token").asDouble());
    JsonNode english = json.get("by_language").get(2);
    assertEquals("en", english.get("lang").asText());
    assertEquals(3, english.get("documents").asLong());
    assertEquals(8, english.get("tokens").asLong());
    assertEquals(33, english.get("text_bytes").asLong());

    // web: 3 and 4 ids in [2, 4) and [4, 8), 100 in [64, 128).
    JsonNode webBins = json.get("tokens_per_document").get(2).get("bins");
    assertEquals("web", json.get("tokens_per_document").get(2).get("source").asText());
    assertEquals("[{\"start\":2,\"end\":4,\"documents\":1},{\"start\":4,\"end\":8,\"documents\":1},"
        + "{\"start\":64,\"end\":128,\"documents\":1}]", webBins.toString());
  }

  @Test
  void sourcesAndLanguagesPastTheirBoundAreSummedAsOther() throws Exception {
    TokenStatistics s = new TokenStatistics();
    for (int i = 0; i < TokenStatistics.MAX_SOURCES + 5; i++) {
      s.add(String.format("s%03d", i), "l" + (i % 3), 10, 40);
    }
    JsonNode json = JSON.readTree(s.toJson());
    assertEquals(TokenStatistics.MAX_SOURCES + 1, json.get("by_source").size());
    JsonNode other = json.get("by_source").get(0);
    assertEquals(TokenStatistics.OTHER, other.get("source").asText());
    assertEquals(5, other.get("documents").asLong());
    assertEquals(3, json.get("by_language").size());
    assertEquals(TokenStatistics.MAX_SOURCES + 5L, json.get("by_language").findValues("documents").stream()
        .mapToLong(JsonNode::asLong).sum());
  }

  @Test
  void aHugeDocumentLandsInTheLastBin() {
    assertEquals(TokenStatistics.BINS - 1, TokenStatistics.bin(Long.MAX_VALUE));
    assertEquals(0, TokenStatistics.bin(1));
    assertEquals(10, TokenStatistics.bin(1024));
  }
}
