package dev.pretrain.dedup;

import java.io.Serializable;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.read.ReadSettings;
import dev.pretrain.dedup.clean.CleanSettings;
import dev.pretrain.dedup.decontaminate.DecontaminateSettings;
import dev.pretrain.dedup.extract.ExtractSettings;
import dev.pretrain.dedup.filter.ByLanguageSettings;
import dev.pretrain.dedup.filter.FilterSettings;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.paragraphs.ParagraphDedupSettings;
import dev.pretrain.dedup.url.UrlFilterSettings;
import java.util.List;
import java.util.Set;

/**
 * Everything the curate job reads from the configuration, checked once at start: how inputs
 * are read ({@code read}), and the URL filter, HTML extraction, the cleaning steps, quality filters, MinHash banding,
 * deduplication and benchmark decontamination of the {@code curate} section (see this module's reference.conf).
 */
public record CurateSettings(
    ReadSettings read, UrlFilterSettings urlFilter, ExtractSettings extract, CleanSettings clean, FilterSettings filter, MinHashSettings minhash, DedupSettings dedup,
    ParagraphDedupSettings paragraphDedup,
    DecontaminateSettings decontaminate) implements Serializable {

  /**
   * The {@code read} and {@code curate} sections; no free-form maps, one open section: the
   * settings per language ({@code curate.filter.by-language}), whose codes no reference.conf can
   * list, checked by {@code ByLanguageSettings}.
   */
  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("read", "curate"), Set.of(), removed(),
      Set.of(ByLanguageSettings.PATH));

  /** Keys earlier versions read, with why they went. */
  private static java.util.Map<String, String> removed() {
    java.util.Map<String, String> removed = new java.util.HashMap<>(DedupSettings.REMOVED);
    removed.put("curate.clean.html", "HTML became the curate.extract step: curate.extract.mode = main"
        + " (the default) keeps a page's main content, full its whole text as before, off leaves HTML as it is");
    return removed;
  }

  public static CurateSettings read(SettingsReader r) {
    return new CurateSettings(
        ReadSettings.read(r), UrlFilterSettings.read(r), ExtractSettings.read(r), CleanSettings.read(r), FilterSettings.read(r), MinHashSettings.read(r), DedupSettings.read(r),
        ParagraphDedupSettings.read(r),
        DecontaminateSettings.read(r));
  }
}
