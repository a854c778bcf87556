package dev.pretrain.dedup.filter;

import dev.pretrain.common.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;

/** The {@code curate.filter} section: each quality filter's switch and thresholds. */
public record FilterSettings(
    C4PageSettings c4Page,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    FineWebQualitySettings finewebQuality,
    LanguageSettings language) {

  public static FilterSettings defaults() {
    return new FilterSettings(C4PageSettings.defaults(), GopherQualitySettings.defaults(),
        GopherRepetitionSettings.defaults(), FineWebQualitySettings.defaults(),
        LanguageSettings.defaults());
  }

  public static FilterSettings read(SettingsReader r) {
    return new FilterSettings(C4PageSettings.read(r), GopherQualitySettings.read(r),
        GopherRepetitionSettings.read(r), FineWebQualitySettings.read(r), LanguageSettings.read(r));
  }

  /**
   * The enabled quality filters: C4's page rules first (cheapest), then in the order FineWeb runs
   * them. The language filter is not among them: it also labels kept documents, see
   * {@link #languageFilter()}.
   */
  public List<DocumentFilter> enabledFilters() {
    List<DocumentFilter> out = new ArrayList<>();
    if (c4Page.enabled()) {
      out.add(new C4PageFilter(c4Page));
    }
    if (gopherRepetition.enabled()) {
      out.add(new GopherRepetitionFilter(gopherRepetition));
    }
    if (gopherQuality.enabled()) {
      out.add(new GopherQualityFilter(gopherQuality));
    }
    if (finewebQuality.enabled()) {
      out.add(new FineWebQualityFilter(finewebQuality));
    }
    return out;
  }

  /**
   * The language filter when enabled. It runs after the quality filters: it is the slowest, and
   * FineWeb's order (language first) would only change which reason a doubly-bad page gets.
   */
  public java.util.Optional<LanguageFilter> languageFilter() {
    return language.enabled() ? java.util.Optional.of(new LanguageFilter(language)) : java.util.Optional.empty();
  }
}
