package dev.pretrain.tokenize.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class TokenizeReportPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A manifest as TokenizeJob writes it, with the sources list of a mixed dataset. */
  static ObjectNode manifest() throws Exception {
    return (ObjectNode) JSON.readTree("""
        {"format":"pretrain-token-shards","format_version":1,
         "tokenizer":{"source":"tokenizer.json","sha256":"ab12","vocab_size":4096,
                      "special_tokens":{"<|endoftext|>":0},"eot_id":0,"file":"tokenizer.json"},
         "seq_len":256,"shuffle_seed":7,"input_fingerprint":"f00d",
         "totals":{"documents":1000,"tokens":900000,"rows":3500,"dropped_tokens":100,"rejected_documents":10},
         "splits":{"train":{"documents":891,"rows":3150,"shards":[
                      {"path":"train/shard-00000.parquet","rows":2048,"first_seq_idx":0,"sha256":"a"},
                      {"path":"train/shard-00001.parquet","rows":1102,"first_seq_idx":2048,"sha256":"b"}]},
                   "val":{"documents":99,"rows":350,"shards":[
                      {"path":"val/shard-00000.parquet","rows":350,"first_seq_idx":0,"sha256":"c"}]}},
         "sources":[{"name":"web","input":"out/web","weight":0.7,"documents":600,"tokens":600000,"epochs":1.0},
                    {"name":"books</div><script>alert(1)</script>","input":"out/books","weight":0.3,"documents":390,
                     "tokens":300000,"epochs":2.0}]}
        """);
  }

  @Test
  void tokensPerDocumentAndBytesPerTokenMatchReportJson() throws Exception {
    TokenStatistics statistics = new TokenStatistics();
    statistics.add("web", "en", 300, 1200);
    statistics.add("web", "de", 40, 190);
    statistics.add("code</div><script>alert(1)</script>", "en", 5000, 14000);
    String json = statistics.toJson();
    Document doc = Jsoup.parse(TokenizeReportPage.html(manifest().toString(), java.util.Optional.of(json), "tokens/"));
    Element section = doc.getElementById("documents");
    JsonNode expected = JSON.readTree(json);
    List<Element> tables = section.select("table");
    for (int t = 0; t < 2; t++) {
      JsonNode rows = expected.get(t == 0 ? "by_source" : "by_language");
      List<Element> shown = tables.get(t).select("tbody tr");
      assertEquals(rows.size(), shown.size());
      for (int i = 0; i < rows.size(); i++) {
        List<Element> cells = shown.get(i).select("td");
        assertEquals(rows.get(i).get(t == 0 ? "source" : "lang").asText(), cells.get(0).text());
        assertEquals(rows.get(i).get("documents").asLong(), Long.parseLong(cells.get(1).attr("data-value")));
        assertEquals(rows.get(i).get("tokens").asLong(), Long.parseLong(cells.get(2).attr("data-value")));
        assertEquals(rows.get(i).get("text_bytes").asLong(), Long.parseLong(cells.get(4).attr("data-value")));
        assertEquals(rows.get(i).get("bytes_per_token").asDouble(), Double.parseDouble(cells.get(5).attr("data-value")));
      }
    }
    // One histogram per source, log scale, its bins as report.json has them.
    List<Element> specs = section.select("script[data-chart]");
    assertEquals(2 + expected.get("tokens_per_document").size(), specs.size());
    JsonNode web = JSON.readTree(specs.get(3).data());
    assertEquals(expected.at("/tokens_per_document/1/bins"), web.at("/layer/0/data/values"));
    assertEquals("log", web.at("/layer/0/encoding/x/scale/type").asText());
    assertEquals(3 + doc.select("script[data-chart]").size() + 1, doc.select("script").size());
  }

  @Test
  void aDatasetWithoutReportJsonSaysSo() throws Exception {
    Document doc = Jsoup.parse(TokenizeReportPage.html(manifest(), "tokens/"));
    assertTrue(doc.getElementById("documents").text().contains("has no report.json"));
  }

  @Test
  void splitsShardsAndMixMatchTheManifest() throws Exception {
    ObjectNode manifest = manifest();
    Document doc = Jsoup.parse(TokenizeReportPage.html(manifest, "tokens/"));
    List<Element> splits = doc.getElementById("splits").selectFirst("table").select("tbody tr");
    assertEquals(List.of("train", "891", "3150", "2", "1102", "2048"), values(splits.get(0)));
    assertEquals(List.of("val", "99", "350", "1", "350", "350"), values(splits.get(1)));
    JsonNode shards = JSON.readTree(doc.getElementById("splits").select("script[data-chart]").get(0).data());
    assertEquals(2048, shards.at("/data/values/0/rows").asLong());
    assertEquals(1102, shards.at("/data/values/1/rows").asLong());

    Element mix = doc.getElementById("mix");
    List<Element> rows = mix.select("tbody tr");
    assertEquals("books</div><script>alert(1)</script>", rows.get(1).select("td").get(0).text());
    // planned = weight / sum of weights, written = tokens / sum of tokens
    assertEquals(0.7, Double.parseDouble(rows.get(0).select("td").get(3).attr("data-value")), 1e-12);
    assertEquals(2.0 / 3, Double.parseDouble(rows.get(0).select("td").get(4).attr("data-value")), 1e-12);
    assertEquals("1000", rows.get(0).select("td").get(7).attr("data-value").replace(".0", ""));
    assertTrue(mix.text().contains("record no text bytes"));
    // Scripts: three libraries, the charts' specs and the drawing script only.
    assertEquals(3 + doc.select("script[data-chart]").size() + 1, doc.select("script").size());
    assertTrue(doc.getElementById("summary").text().contains("909.1"), "900,000 tokens / 990 encoded documents");
  }

  @Test
  void aManifestWithoutSourcesSaysSoAndManyShardsAreBinned() throws Exception {
    ObjectNode manifest = manifest();
    manifest.remove("sources");
    ArrayNode shards = manifest.withArray("/splits/train/shards");
    for (int i = 0; i < 1000; i++) {
      shards.addObject().put("path", "train/shard-" + i + ".parquet").put("rows", 2048 - (i == 999 ? 48 : 0));
    }
    String html = TokenizeReportPage.html(manifest, "tokens/");
    Document doc = Jsoup.parse(html);
    assertTrue(doc.getElementById("mix").text().contains("lists no sources"));
    JsonNode binned = JSON.readTree(doc.getElementById("splits").select("script[data-chart]").get(0).data());
    long counted = 0;
    for (JsonNode bin : binned.at("/layer/0/data/values")) {
      counted += bin.path("shards").asLong();
    }
    assertEquals(1002, counted);
    assertTrue(html.length() < 1_000_000, "size " + html.length());
  }

  private static List<String> values(Element row) {
    return row.select("td").stream().map(td -> td.hasAttr("data-value") ? td.attr("data-value") : td.text()).toList();
  }
}
