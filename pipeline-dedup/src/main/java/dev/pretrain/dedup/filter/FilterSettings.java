package dev.pretrain.dedup.filter;

import dev.pretrain.common.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;

/** The {@code curate.filter} section: each quality filter's switch and thresholds. */
public record FilterSettings(
    C4PageSettings c4Page,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    FineWebQualitySettings finewebQuality) {

  public static FilterSettings defaults() {
    return new FilterSettings(C4PageSettings.defaults(), GopherQualitySettings.defaults(),
        GopherRepetitionSettings.defaults(), FineWebQualitySettings.defaults());
  }

  public static FilterSettings read(SettingsReader r) {
    return new FilterSettings(C4PageSettings.read(r), GopherQualitySettings.read(r),
        GopherRepetitionSettings.read(r), FineWebQualitySettings.read(r));
  }

  /** The enabled filters: C4's page rules first (cheapest), then in the order FineWeb runs them. */
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
}
