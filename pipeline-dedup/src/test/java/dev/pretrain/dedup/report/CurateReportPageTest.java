package dev.pretrain.dedup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The curate page against a hand-written report.json with details, and the same report without them. */
class CurateReportPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode fixture() throws IOException {
    try (InputStream in = CurateReportPageTest.class.getResourceAsStream("/report/curate-report.json")) {
      return JSON.readTree(in);
    }
  }

  @Test
  void funnelTableHoldsTheJsonsCounts() throws IOException {
    JsonNode report = fixture();
    Document doc = Jsoup.parse(CurateReportPage.html(report, "out/"));
    List<Element> rows = doc.getElementById("funnel").select("tbody tr");
    JsonNode funnel = report.at("/details/funnel");
    assertEquals(funnel.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      List<Element> cells = rows.get(i).select("td");
      assertEquals(funnel.get(i).path("step").asText(), cells.get(0).text());
      assertEquals(funnel.get(i).path("documents").asLong(), Long.parseLong(cells.get(1).attr("data-value")));
      assertEquals(funnel.get(i).path("bytes").asLong(), Long.parseLong(cells.get(2).attr("data-value")));
      assertEquals(funnel.get(i).path("removed_documents").asLong(), Long.parseLong(cells.get(3).attr("data-value")));
      assertEquals(funnel.get(i).path("removed_bytes").asLong(), Long.parseLong(cells.get(4).attr("data-value")));
    }
    // The funnel chart draws the same counts.
    JsonNode chart = spec(doc.getElementById("funnel"), 0);
    for (int i = 0; i < funnel.size(); i++) {
      assertEquals(funnel.get(i).path("documents").asLong(), chart.at("/data/values/" + i + "/documents").asLong());
    }
  }

  @Test
  void eachFilterHasItsHistogramAndThreshold() throws IOException {
    JsonNode report = fixture();
    Element filters = Jsoup.parse(CurateReportPage.html(report, "out/")).getElementById("filters");
    JsonNode expected = report.at("/details/filters");
    for (int f = 0; f < expected.size(); f++) {
      JsonNode spec = spec(filters, f);
      JsonNode bins = spec.at("/layer/0/data/values");
      assertEquals(expected.get(f).path("bins").size(), bins.size());
      for (int b = 0; b < bins.size(); b++) {
        for (String field : List.of("start", "end", "passed", "dropped")) {
          assertEquals(expected.get(f).path("bins").get(b).path(field).asDouble(), bins.get(b).path(field).asDouble());
        }
      }
      JsonNode threshold = expected.get(f).path("threshold");
      assertEquals(threshold.isNumber(), spec.at("/layer/1/data/values/0/threshold").isNumber());
      if (threshold.isNumber()) {
        assertEquals(threshold.asDouble(), spec.at("/layer/1/data/values/0/threshold").asDouble());
      }
      assertEquals("log".equals(expected.get(f).path("scale").asText()),
          "log".equals(spec.at("/layer/0/encoding/x/scale/type").asText()));
    }
    Element overview = filters.selectFirst("table");
    assertEquals("0.12371134020618557", overview.select("tbody tr").get(0).select("td").get(5).attr("data-value"));
    assertEquals("by language: en 0.65, de 0.7", overview.select("tbody tr").get(0).select("td").get(2).text());
    // Every rejection rule, largest first: 120 + 90 + 60 + 20 + 10 + 10 = 310 = rejected.
    Element rules = filters.select("table").get(1);
    long sum = 0;
    for (Element row : rules.select("tbody tr")) {
      sum += Long.parseLong(row.select("td").get(2).attr("data-value"));
    }
    assertEquals(report.path("rejected").asLong(), sum);
  }

  @Test
  void snippetsAreShownAsTextNeverAsMarkup() throws IOException {
    String html = CurateReportPage.html(fixture(), "out/");
    Document doc = Jsoup.parse(html);
    Element examples = doc.getElementById("examples");
    List<String> shown = examples.select("pre.snippet").eachText();
    assertEquals(List.of("asdf qwer zxcv 1234", "<script>alert(1)</script> and then </div> closes nothing",
        "Lorem ipsum dolor sit amet", "Home | About | Contact"), shown);
    // Scripts: the three libraries, one spec per chart, and the drawing script; nothing from the documents.
    int charts = doc.select("script[data-chart]").size();
    assertEquals(3 + charts + 1, doc.select("script").size());
    assertFalse(html.contains("<script>alert"));
    Element largest = doc.getElementById("clusters").selectFirst("table.side-by-side");
    List<Element> cells = largest.select("tbody tr").get(0).select("td");
    assertEquals("9", cells.get(0).attr("data-value"));
    assertEquals("Breaking news: the council met on Tuesday", cells.get(2).text());
    assertEquals("Breaking news: the council met on Tuesday </div><script>alert(2)</script>", cells.get(4).text());
    // A paragraph of a corpus stage's details is text too.
    assertTrue(doc.getElementById("stages").text().contains("Cookie policy: we use cookies </div><script>alert(1)</script>"));
  }

  @Test
  void languagesLengthsTimeAndInputsMatchTheJson() throws IOException {
    JsonNode report = fixture();
    Document doc = Jsoup.parse(CurateReportPage.html(report, "out/"));
    List<Element> langs = doc.getElementById("languages").select("tbody tr");
    assertEquals(3, langs.size());
    assertEquals("560", langs.get(0).select("td").get(2).attr("data-value"));
    // Lengths of "web": the union of before's and after's bins, 0 where one lacks a bin.
    JsonNode web = spec(doc.getElementById("lengths"), 0).at("/layer/0/data/values");
    assertEquals(3, web.size());
    assertEquals(80, web.at("/0/before").asLong());
    assertEquals(0, web.at("/0/after").asLong());
    assertEquals(180, web.at("/1/after").asLong());
    List<Element> time = doc.getElementById("time").select("tbody tr");
    assertEquals(report.path("seconds_by_phase").size(), time.size());
    assertEquals("21.5", time.get(1).select("td").get(1).attr("data-value"));
    assertEquals("41.0", time.get(1).select("td").get(2).attr("data-value"));
    Element inputs = doc.getElementById("inputs");
    assertTrue(inputs.text().contains(report.path("input_fingerprint").asText()));
    assertTrue(inputs.selectFirst("pre.config").text().contains("min-words = 50"));
  }

  @Test
  void aReportWrittenBeforeDetailsStillRendersWhatItHas() throws IOException {
    ObjectNode old = (ObjectNode) fixture();
    old.remove(List.of("details", "input_fingerprint", "config", "cpu_seconds_by_phase"));
    Document doc = Jsoup.parse(CurateReportPage.html(old, "out/"));
    List<Element> rows = doc.getElementById("funnel").select("tbody tr");
    List<String> steps = new ArrayList<>();
    rows.forEach(r -> steps.add(r.select("td").get(0).text()));
    assertEquals(List.of("records in", "read", "clean", "filter", "duplicates: exact", "duplicates: near",
        "duplicates: of_previous", "paragraph-dedup"), steps);
    // The derived funnel ends at the kept count.
    assertEquals(old.path("kept").asLong(), Long.parseLong(rows.get(rows.size() - 1).select("td").get(1).attr("data-value")));
    assertTrue(doc.getElementById("examples").text().contains("no details.rejection_examples"));
    assertEquals("9", doc.getElementById("clusters").select("tbody tr").get(0).select("td").get(1).attr("data-value"));
    assertTrue(doc.getElementById("inputs").text().contains("does not record the input fingerprint nor the resolved"));
  }

  @Test
  void pageStaysSmallForAManyFilterRun() throws IOException {
    ObjectNode report = (ObjectNode) fixture();
    // 60 filters of 100 bins each and 400 languages: about what the largest configuration records.
    var filters = report.withArray("/details/filters");
    JsonNode one = filters.get(1);
    for (int f = 0; f < 60; f++) {
      ObjectNode copy = one.deepCopy();
      var bins = copy.putArray("bins");
      for (int b = 0; b < 100; b++) {
        bins.addObject().put("start", b).put("end", b + 1).put("passed", 1000L * b).put("dropped", 7L * b);
      }
      filters.add(copy);
    }
    var languages = report.withArray("/details/languages");
    for (int l = 0; l < 400; l++) {
      languages.addObject().put("lang", "l" + l).put("reached", l).put("kept", l / 2);
    }
    String html = CurateReportPage.html(report, "out/");
    assertTrue(html.length() < 5_000_000, "report of " + html.length() + " chars");
  }

  private static JsonNode spec(Element section, int index) throws IOException {
    return JSON.readTree(section.select("script[data-chart]").get(index).data());
  }
}
