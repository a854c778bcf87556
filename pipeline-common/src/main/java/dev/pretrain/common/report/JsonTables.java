package dev.pretrain.common.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows JSON whose shape the report does not know (a corpus stage's details, a file listing) as
 * tables: an object's plain values as a name/value table, a list of objects as a table with a
 * column per field, nested parts under their own heading.
 */
public final class JsonTables {
  /** Rows shown per table; the JSON holds the rest. */
  static final int MAX_ROWS = 200;
  private static final int MAX_DEPTH = 4;

  private JsonTables() {}

  public static void add(ReportPage page, String heading, JsonNode node) {
    add(page, heading, node, 0);
  }

  private static void add(ReportPage page, String heading, JsonNode node, int depth) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (heading != null) {
      page.heading(heading);
    }
    if (depth >= MAX_DEPTH || isScalar(node)) {
      page.preformatted(node.isTextual() ? node.asText() : node.toPrettyString());
    } else if (node.isArray()) {
      addArray(page, node);
    } else {
      Table plain = Table.of("name", "value");
      List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isScalar(e.getValue())) {
          plain.row(e.getKey(), cell(e.getValue()));
        } else {
          nested.add(e);
        }
      }
      if (!plain.isEmpty()) {
        page.table(plain);
      }
      nested.forEach(e -> add(page, (heading == null ? "" : heading + " / ") + e.getKey(), e.getValue(), depth + 1));
    }
  }

  private static void addArray(ReportPage page, JsonNode array) {
    if (array.isEmpty()) {
      page.note("(none)");
      return;
    }
    Set<String> columns = new LinkedHashSet<>();
    boolean objects = true;
    for (JsonNode item : array) {
      objects &= item.isObject();
      item.fieldNames().forEachRemaining(columns::add);
    }
    Table table = objects ? Table.of(columns.toArray(new String[0])) : Table.of("value");
    int n = 0;
    for (JsonNode item : array) {
      if (n++ == MAX_ROWS) {
        break;
      }
      if (objects) {
        table.row(columns.stream().map(c -> cell(item.get(c))).toArray());
      } else {
        table.row(cell(item));
      }
    }
    page.table(table);
    if (array.size() > MAX_ROWS) {
      page.note("The first " + MAX_ROWS + " of " + array.size() + " rows; report.json holds all of them.");
    }
  }

  /** A cell for a value: a number as a number, text as text, anything nested as its compact JSON. */
  static Object cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      String text = value.asText();
      return text.length() > 80 || text.indexOf('\n') >= 0 ? Table.Cell.snippet(text) : text;
    }
    return value.isBoolean() ? value.asText() : value.toString();
  }

  private static boolean isScalar(JsonNode node) {
    return node.isValueNode();
  }
}
