package dev.pretrain.common.read;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;
import java.util.List;

/**
 * How the readers turn input files into documents: the {@code read} config section. Serializable
 * because executors parse with it; optional values are {@code null} rather than {@code Optional}.
 *
 * @param format the input format, or AUTO to decide per file name
 * @param idField field (column) holding a given document id; without one the id is derived
 * @param textField field holding the text
 * @param htmlField field holding a page's HTML, which the curate job extracts text from; empty: none
 * @param urlField field holding the URL
 * @param sourceField field holding the source name
 * @param metaField field holding an object of metadata, carried into {@code meta}
 * @param metaFields further top-level fields copied into {@code meta}
 * @param source source name for records without one; {@code null}: the file name without extensions
 * @param maxDocumentBytes larger records are rejected (reason {@code too-large})
 * @param maxInvalidUtf8Fraction records with more malformed UTF-8 sequences per character are rejected
 * @param maxBadFraction above this share of rejected records the job stops before writing
 * @param badRecordsInMessage how many bad records the stop message quotes
 * @param onCorruptFile what a truncated or corrupt input file does: one rejected row, or a stop
 */
public record ReadSettings(
    InputFormat format,
    String idField,
    String textField,
    String htmlField,
    String urlField,
    String sourceField,
    String metaField,
    List<String> metaFields,
    String source,
    int maxDocumentBytes,
    double maxInvalidUtf8Fraction,
    double maxBadFraction,
    int badRecordsInMessage,
    CorruptFilePolicy onCorruptFile) implements Serializable {

  /** {@code read.on-corrupt-file}. */
  public enum CorruptFilePolicy {
    /** Keep the records before the break; the file becomes one {@code truncated-input} reject. */
    REJECT,
    /** Stop the job, naming the file. */
    FAIL
  }

  /** The {@code read} config section. */
  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("read"), java.util.Set.of());

  public ReadSettings {
    metaFields = List.copyOf(metaFields);
  }

  public static ReadSettings read(SettingsReader r) {
    return new ReadSettings(
        r.oneOf("read.format", InputFormat.class),
        r.string("read.fields.id"),
        r.string("read.fields.text", s -> !s.isBlank(), "a field name"),
        r.string("read.fields.html"),
        r.string("read.fields.url"),
        r.string("read.fields.source"),
        r.string("read.fields.meta"),
        r.stringList("read.meta-fields"),
        r.optionalString("read.source").orElse(null),
        // A JVM array holds at most 2^31-1 bytes; far less is wise per record.
        (int) r.bytesIn("read.max-document-bytes", 1, 1L << 30),
        r.doubleIn("read.max-invalid-utf8-fraction", 0, 1),
        r.doubleIn("read.max-bad-fraction", 0, 1),
        r.intIn("read.bad-records-in-message", 1, 100),
        r.oneOf("read.on-corrupt-file", CorruptFilePolicy.class));
  }
}
