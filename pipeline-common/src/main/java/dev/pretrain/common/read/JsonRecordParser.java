package dev.pretrain.common.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** Turns one JSONL line into a document row or a rejected row with a reason. */
final class JsonRecordParser {
  // A line with an object followed by junk is a broken record, not a valid one.
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ReadSettings settings;
  private final String file;
  private final String defaultSource;

  JsonRecordParser(ReadSettings settings, String file, String defaultSource) {
    this.settings = settings;
    this.file = file;
    this.defaultSource = defaultSource;
  }

  Row parse(String line, long offset, int invalidUtf8) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonParseException e) {
      return ReadRecords.rejected(file, offset, ReadReject.malformedJson(e.getOriginalMessage()), line);
    } catch (JsonProcessingException e) {
      return ReadRecords.rejected(file, offset, ReadReject.malformedJson(e.getOriginalMessage()), line);
    }
    if (!(node instanceof ObjectNode record)) {
      return ReadRecords.rejected(file, offset,
          ReadReject.notAnObject(node.getNodeType().name().toLowerCase(Locale.ROOT)), line);
    }
    // A page's HTML (read.fields.html) is its content when given; the text field otherwise.
    JsonNode html = field(record, settings.htmlField());
    boolean isHtml = html != null && html.isTextual() && !html.textValue().isBlank();
    JsonNode text = isHtml ? html : field(record, settings.textField());
    if (text == null) {
      return ReadRecords.rejected(file, offset, ReadReject.missingText("no '" + settings.textField() + "' field"
          + (settings.htmlField().isEmpty() ? "" : " and no HTML in '" + settings.htmlField() + "'")), line);
    }
    if (text.isNull()) {
      return ReadRecords.rejected(file, offset, ReadReject.missingText("'" + settings.textField() + "' is null"), line);
    }
    if (!text.isTextual()) {
      return ReadRecords.rejected(file, offset, ReadReject.textNotAString(
          "'" + settings.textField() + "' is a " + text.getNodeType().name().toLowerCase(Locale.ROOT)), line);
    }
    if (text.textValue().isBlank()) {
      return ReadRecords.rejected(file, offset, ReadReject.emptyText(), line);
    }
    String id = scalar(field(record, settings.idField()));
    String source = scalar(field(record, settings.sourceField()));
    return ReadRecords.document(
        id != null ? id : StableIds.of(file, offset),
        text.textValue(),
        isHtml,
        source != null ? source : defaultSource,
        scalar(field(record, settings.urlField())),
        meta(record),
        file,
        offset,
        invalidUtf8);
  }

  /**
   * The meta object's entries and the configured top-level fields, as strings: numbers and
   * booleans as written, nested values as compact JSON, so nothing a user put there is dropped.
   */
  private Map<String, String> meta(ObjectNode record) {
    Map<String, String> meta = new TreeMap<>();
    JsonNode object = field(record, settings.metaField());
    if (object instanceof ObjectNode entries) {
      for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          meta.put(e.getKey(), asString(e.getValue()));
        }
      }
    } else if (object != null && !object.isNull()) {
      meta.put(settings.metaField(), asString(object));
    }
    for (String name : settings.metaFields()) {
      JsonNode value = record.get(name);
      if (value != null && !value.isNull()) {
        meta.put(name, asString(value));
      }
    }
    return meta;
  }

  private static JsonNode field(ObjectNode record, String name) {
    return name.isEmpty() ? null : record.get(name);
  }

  private static String scalar(JsonNode node) {
    return node == null || node.isNull() ? null : asString(node);
  }

  private static String asString(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
