package dev.pretrain.dedup.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From records in to kept, one row per stage and per filter, in the order they run: what each
 * removed and what remains after it. Bytes are the documents' UTF-8 bytes as they came in (a kept
 * document's cleaned text is smaller), so they add up like the counts; the kept row also gives the
 * bytes written ({@code text_bytes}).
 */
public final class Funnel {
  public static final String RECORDS_IN = "records in";
  public static final String KEPT = "kept";

  private final List<Map<String, Object>> rows = new ArrayList<>();
  private long documents;
  private long bytes;

  /** @param bytes the records' bytes as read (rejected records' included) */
  public Funnel(long recordsIn, long bytes) {
    this.documents = recordsIn;
    this.bytes = bytes;
    rows.add(row(RECORDS_IN, 0, 0));
  }

  /** A stage or filter that removed {@code removed} documents of {@code removedBytes}. */
  public Funnel remove(String step, long removed, long removedBytes) {
    documents -= removed;
    bytes -= removedBytes;
    rows.add(row(step, removed, removedBytes));
    return this;
  }

  /**
   * The rows, ending with the kept row.
   *
   * @param inBytes the kept documents' bytes as they came in
   * @param textBytes the kept documents' bytes as written
   */
  public List<Map<String, Object>> kept(long kept, long inBytes, long textBytes) {
    if (kept != documents || inBytes != bytes) {
      throw new IllegalStateException("the funnel leaves " + documents + " documents of " + bytes + " bytes but "
          + kept + " of " + inBytes + " were kept (a bug)");
    }
    Map<String, Object> last = row(KEPT, 0, 0);
    last.put("text_bytes", textBytes);
    List<Map<String, Object>> out = new ArrayList<>(rows);
    out.add(last);
    return out;
  }

  private Map<String, Object> row(String step, long removed, long removedBytes) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", step);
    row.put("documents", documents);
    row.put("bytes", bytes);
    row.put("removed_documents", removed);
    row.put("removed_bytes", removedBytes);
    return row;
  }

  /**
   * The funnel row of a filter's reason: {@code gopher-quality/min-words} is {@code gopher-quality}'s,
   * {@code classifier/edu} the step {@code classifier:edu}'s.
   */
  public static String filterOf(String reason) {
    int slash = reason.indexOf('/');
    if (slash < 0) {
      return reason;
    }
    String prefix = reason.substring(0, slash);
    return prefix.equals("classifier") ? "classifier:" + reason.substring(slash + 1) : prefix;
  }
}
