package dev.pretrain.common.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTML table of a report. Text cells are escaped; number cells are right-aligned, written for
 * people ({@link Numbers}) and carry the exact value in {@code data-value}, so a test (or a script)
 * can compare the page with the JSON it was made from.
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private String cssClass = "";

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table of(String... headers) {
    return new Table(List.of(headers));
  }

  /** Adds a CSS class to the table element (e.g. {@code side-by-side}). */
  public Table withClass(String name) {
    cssClass = name;
    return this;
  }

  /**
   * Adds a row. Cells: {@link Number} (shown grouped), {@link Cell} (prepared HTML), anything else as
   * escaped text; null shows as an empty cell.
   */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size()
          + " columns " + headers);
    }
    List<String> html = new ArrayList<>();
    for (Object cell : cells) {
      html.add(cell(cell));
    }
    rows.add(html);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public int size() {
    return rows.size();
  }

  /**
   * A cell whose HTML is already made (and escaped) by the caller.
   *
   * @param value the exact number behind a formatted cell ({@code data-value}), or null
   */
  public record Cell(String html, String cssClass, String value) {
    public static Cell bytes(long n) {
      return new Cell(Numbers.bytes(n), "num", Long.toString(n));
    }

    public static Cell percent(double share) {
      return new Cell(Numbers.percent(share), "num", Double.toString(share));
    }

    public static Cell seconds(double s) {
      return new Cell(Numbers.seconds(s), "num", Double.toString(s));
    }

    /** Text in a {@code <pre>} block: a document's opening, kept with its line breaks. */
    public static Cell snippet(String text) {
      return new Cell("<pre class=\"snippet\">" + Html.escape(text) + "</pre>", "text", null);
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "<td></td>";
    }
    if (value instanceof Cell c) {
      return "<td class=\"" + c.cssClass() + "\"" + (c.value() == null ? "" : " data-value=\"" + c.value() + "\"")
          + ">" + c.html() + "</td>";
    }
    if (value instanceof Number n) {
      return "<td class=\"num\" data-value=\"" + n + "\">" + Numbers.number(n.doubleValue()) + "</td>";
    }
    return "<td>" + Html.escape(value.toString()) + "</td>";
  }

  public String html() {
    StringBuilder out = new StringBuilder("<table");
    if (!cssClass.isEmpty()) {
      out.append(" class=\"").append(Html.escape(cssClass)).append('"');
    }
    out.append("><thead><tr>");
    headers.forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
    out.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(out::append);
      out.append("</tr>");
    }
    return out.append("</tbody></table>\n").toString();
  }
}
