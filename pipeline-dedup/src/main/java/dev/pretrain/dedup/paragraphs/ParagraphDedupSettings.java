package dev.pretrain.dedup.paragraphs;

import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;

/**
 * The {@code curate.paragraph-dedup} section (this module's reference.conf): removing from every
 * document the paragraphs (or lines) that many documents of the corpus share.
 *
 * @param enabled run the stage after document-level dedup
 * @param unit what is counted and removed ({@link TextUnits})
 * @param minDocuments a unit found in at least this many distinct documents (with {@code --against},
 *     the previous corpus's documents count too) is removed
 * @param minLength units whose dedup-normalized text is shorter than this many chars are never removed
 * @param keepFirst keep the occurrence in the document with the smallest id (none when the previous
 *     corpus already holds the unit), as Dolma does; false removes every occurrence
 */
public record ParagraphDedupSettings(boolean enabled, TextUnits.Unit unit, int minDocuments, int minLength,
    boolean keepFirst) implements Serializable {

  public static ParagraphDedupSettings read(SettingsReader r) {
    String p = "curate.paragraph-dedup.";
    return new ParagraphDedupSettings(
        r.bool(p + "enabled"),
        r.oneOf(p + "unit", TextUnits.Unit.class),
        // 1 would remove every paragraph of every document: at least two documents must share one.
        r.intIn(p + "min-documents", 2, Integer.MAX_VALUE),
        r.intIn(p + "min-length", 0, 1_000_000),
        r.bool(p + "keep-first"));
  }
}
