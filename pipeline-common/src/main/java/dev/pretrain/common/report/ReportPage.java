package dev.pretrain.common.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One report as one self-contained HTML file: its CSS, its charts' data and the chart libraries
 * ({@link ChartScripts}) are all inside, so it opens offline, from a laptop or downloaded from an
 * object store, and loads nothing from the network. Sections are added in order; each chart is a
 * Vega-Lite spec in a {@code <script type="application/json">} element that vega-embed draws on load.
 * Everything a caller passes as text is escaped ({@link Html}).
 */
public final class ReportPage {
  /** The chart specs' element attribute naming the element the chart is drawn into. */
  public static final String CHART_ATTRIBUTE = "data-chart";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DRAW = """
      (function () {
        var specs = document.querySelectorAll('script[type="application/json"][data-chart]');
        specs.forEach(function (s) {
          var target = document.getElementById(s.getAttribute('data-chart'));
          vegaEmbed(target, JSON.parse(s.textContent), {mode: 'vega-lite', actions: false, renderer: 'svg'})
            .catch(function (e) { target.textContent = 'This chart could not be drawn: ' + e; console.error(e); });
        });
      })();
      """;

  private final String title;
  private final String subtitle;
  private final List<String[]> sections = new ArrayList<>();
  private final StringBuilder body = new StringBuilder();
  private boolean open;
  private boolean inCharts;
  private int charts;

  public ReportPage(String title, String subtitle) {
    this.title = title;
    this.subtitle = subtitle;
  }

  /** Starts a section, listed in the page's navigation bar. */
  public ReportPage section(String id, String heading) {
    close();
    sections.add(new String[] {id, heading});
    body.append("<section id=\"").append(Html.escape(id)).append("\"><h2>").append(Html.escape(heading))
        .append("</h2>\n");
    open = true;
    return this;
  }

  public ReportPage heading(String text) {
    endCharts();
    body.append("<h3>").append(Html.escape(text)).append("</h3>\n");
    return this;
  }

  public ReportPage paragraph(String text) {
    endCharts();
    body.append("<p>").append(Html.escape(text)).append("</p>\n");
    return this;
  }

  /** A remark in grey: what a report cannot show and why (e.g. data an older run did not record). */
  public ReportPage note(String text) {
    endCharts();
    body.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
    return this;
  }

  /** Headline figures, label → formatted value, shown as tiles. */
  public ReportPage figures(Map<String, String> figures) {
    endCharts();
    body.append("<div class=\"figures\">");
    figures.forEach((label, value) -> body.append("<div class=\"figure\"><b>").append(Html.escape(value))
        .append("</b>").append(Html.escape(label)).append("</div>"));
    body.append("</div>\n");
    return this;
  }

  public ReportPage table(Table table) {
    endCharts();
    body.append(table.html());
    return this;
  }

  /** Text shown as it is, in a monospace block (a resolved configuration, say). */
  public ReportPage preformatted(String text) {
    endCharts();
    body.append("<pre class=\"config\">").append(Html.escape(text)).append("</pre>\n");
    return this;
  }

  /** A chart; consecutive charts flow side by side. */
  public ReportPage chart(ObjectNode spec) {
    if (!inCharts) {
      body.append("<div class=\"charts\">");
      inCharts = true;
    }
    String id = "chart-" + ++charts;
    String json;
    try {
      json = JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a chart spec", e);
    }
    body.append("<div class=\"chart\" id=\"").append(id).append("\"></div>")
        .append("<script type=\"application/json\" ").append(CHART_ATTRIBUTE).append("=\"").append(id).append("\">")
        .append(Html.scriptJson(json)).append("</script>\n");
    return this;
  }

  public int charts() {
    return charts;
  }

  /** The whole page. */
  public String render() {
    close();
    StringBuilder page = new StringBuilder(900_000 + body.length());
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.escape(title)).append("</title>\n<style>")
        .append(ChartScripts.resource("dev/pretrain/common/report/report.css")).append("</style>\n");
    // The libraries' licence travels with them; an HTML comment cannot hold "--", which it lacks.
    page.append("<!--\n").append(ChartScripts.notice().replace("--", "- -")).append("-->\n");
    if (charts > 0) {
      for (String script : ChartScripts.scripts()) {
        page.append("<script>").append(script).append("</script>\n");
      }
    }
    page.append("</head><body><header><h1>").append(Html.escape(title)).append("</h1><p>")
        .append(Html.escape(subtitle)).append("</p></header>\n<nav>");
    for (String[] s : sections) {
      page.append("<a href=\"#").append(Html.escape(s[0])).append("\">").append(Html.escape(s[1])).append("</a>");
    }
    page.append("</nav>\n<main>\n").append(body).append("</main>\n");
    if (charts > 0) {
      page.append("<script>").append(DRAW).append("</script>\n");
    }
    return page.append("</body></html>\n").toString();
  }

  private void endCharts() {
    if (inCharts) {
      body.append("</div>\n");
      inCharts = false;
    }
  }

  private void close() {
    endCharts();
    if (open) {
      body.append("</section>\n");
      open = false;
    }
  }
}
