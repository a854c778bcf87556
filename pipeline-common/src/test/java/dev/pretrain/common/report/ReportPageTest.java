package dev.pretrain.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE = "<script>alert(1)</script></div><!-- x";

  @Test
  void textOfADocumentNeverBecomesMarkup() {
    ReportPage page = new ReportPage("t " + HOSTILE, HOSTILE).section("s", HOSTILE).paragraph(HOSTILE)
        .table(Table.of("id", "snippet").row(HOSTILE, Table.Cell.snippet(HOSTILE)));
    Document doc = Jsoup.parse(page.render());
    // No script element at all: a page without charts loads none, and the text made none.
    assertEquals(0, doc.select("script").size());
    assertEquals(HOSTILE, doc.selectFirst("section p").text());
    assertEquals(HOSTILE, doc.selectFirst("pre.snippet").wholeText());
    assertEquals(HOSTILE, doc.selectFirst("td").text());
    assertEquals(1, doc.select("section").size());
  }

  @Test
  void chartDataCannotCloseItsScriptElement() throws Exception {
    ArrayNode rows = VegaLite.rows();
    rows.addObject().put("name", HOSTILE).put("n", 3);
    ReportPage page = new ReportPage("t", "s").section("a", "A")
        .chart(VegaLite.bars("bars", rows, "name", List.of("n"), "documents", false));
    String html = page.render();
    Document doc = Jsoup.parse(html);
    Element spec = doc.selectFirst("script[data-chart]");
    JsonNode parsed = JSON.readTree(spec.data());
    assertEquals(HOSTILE, parsed.at("/data/values/0/name").asText());
    assertEquals(3, parsed.at("/data/values/0/n").asInt());
    // The three libraries, the spec and the drawing script; the spec's text holds no "<".
    assertEquals(5, doc.select("script").size());
    assertFalse(spec.data().contains("<"));
    assertEquals(doc.selectFirst("div.chart").id(), spec.attr("data-chart"));
  }

  @Test
  void pageLoadsNothingFromTheNetwork() {
    String html = new ReportPage("t", "s").section("a", "A")
        .chart(VegaLite.lines("l", VegaLite.rows(), "step", List.of("loss"), "loss", false)).render();
    Document doc = Jsoup.parse(html);
    for (Element e : doc.select("[src], [href]")) {
      String target = e.hasAttr("src") ? e.attr("src") : e.attr("href");
      assertFalse(target.matches("(?i)^(https?:)?//.*"), "loads " + target);
    }
    assertTrue(doc.select("script[src], link[rel=stylesheet]").isEmpty());
    assertFalse(html.contains("sourceMappingURL"));
    assertTrue(html.contains("BSD"), "the inlined libraries' licence");
    // The three libraries are about 0.8 MB; a page with one chart stays near that.
    assertTrue(html.length() > 700_000 && html.length() < 1_000_000, "size " + html.length());
  }

  @Test
  void histogramDrawsTheThresholdAsARule() {
    ArrayNode bins = VegaLite.rows();
    bins.addObject().put("start", 0.0).put("end", 0.5).put("passed", 4).put("dropped", 0);
    bins.addObject().put("start", 0.5).put("end", 1.0).put("passed", 0).put("dropped", 2);
    JsonNode spec = VegaLite.histogram("h", bins, "score", List.of("passed", "dropped"), "documents", true, false, 0.5);
    assertEquals("symlog", spec.at("/layer/0/encoding/x/scale/type").asText(), "a bin starts at 0");
    assertEquals(0.5, spec.at("/layer/1/data/values/0/threshold").asDouble());
    assertEquals("rule", spec.at("/layer/1/mark/type").asText());
    assertEquals(2, spec.at("/layer/0/data/values").size());
  }

  @Test
  void tablesCarryExactValues() {
    Document doc = Jsoup.parse(Table.of("n", "bytes").row(1234567L, Table.Cell.bytes(2048)).html());
    assertEquals("1,234,567", doc.select("td").get(0).text());
    assertEquals("1234567", doc.select("td").get(0).attr("data-value"));
    assertEquals("2.0 KiB", doc.select("td").get(1).text());
    assertEquals("2048", doc.select("td").get(1).attr("data-value"));
  }

  @Test
  void unknownJsonBecomesTables() throws Exception {
    JsonNode details = JSON.readTree("{\"paragraph-dedup\":{\"removed\":3,\"top_paragraphs\":"
        + "[{\"count\":5,\"text\":\"</div>\"},{\"count\":2,\"text\":\"b\"}]}}");
    ReportPage page = new ReportPage("t", "s").section("a", "A");
    JsonTables.add(page, null, details);
    Document doc = Jsoup.parse(page.render());
    assertEquals(List.of("paragraph-dedup / top_paragraphs"), doc.select("h3").eachText().subList(1, 2));
    assertEquals("3", doc.select("table").get(0).select("td").get(1).attr("data-value"));
    assertEquals(List.of("count", "text"), doc.select("table").get(1).select("th").eachText());
    assertEquals("</div>", doc.select("table").get(1).select("td").get(1).text());
  }

  @Test
  void htmlEscapingIsExact() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
    assertEquals("{\"a\":\"\\u003c/script\\u003e\"}", Html.scriptJson("{\"a\":\"</script>\"}"));
  }

  @Test
  void aLogLineChartDoesNotAskForZero() {
    // Vega-Lite drops "zero" on a log scale with a console warning; the reports' console stays clean.
    ArrayNode rows = VegaLite.rows();
    rows.addObject().put("step", 1).put("g", 0.5);
    JsonNode log = VegaLite.lines("g", rows, "step", List.of("g"), "norm", true).path("encoding").path("y").path("scale");
    assertEquals("log", log.path("type").asText());
    assertFalse(log.has("zero"));
    JsonNode linear = VegaLite.lines("g", rows, "step", List.of("g"), "norm", false).path("encoding").path("y").path("scale");
    assertFalse(linear.has("type"));
    assertFalse(linear.path("zero").asBoolean(true));
  }
}
