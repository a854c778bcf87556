package dev.pretrain.dedup.filter;

import java.util.List;

/** Filters applied in order; the first one that drops a document decides. */
public final class FilterChain {
  private final List<DocumentFilter> filters;

  public FilterChain(List<DocumentFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  /** The enabled filters of {@code settings}, cheapest first. */
  public static FilterChain of(FilterSettings settings) {
    return new FilterChain(settings.enabledFilters());
  }

  public List<DocumentFilter> filters() {
    return filters;
  }

  public Verdict apply(String text) {
    DocumentText document = new DocumentText(text);
    for (DocumentFilter filter : filters) {
      Verdict verdict = filter.apply(document);
      if (!verdict.kept()) {
        return verdict;
      }
    }
    return Verdict.keep();
  }
}
