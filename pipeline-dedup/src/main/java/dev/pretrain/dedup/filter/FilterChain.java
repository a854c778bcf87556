package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.step.DocumentStep;
import java.util.List;

/** Filters applied in order; the first one that drops a document decides. */
public final class FilterChain {
  private final List<DocumentFilter> filters;

  public FilterChain(List<DocumentFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  /** The quality filters among {@code steps}, in their order, without language identification. */
  public static FilterChain qualityOf(List<DocumentStep> steps) {
    return new FilterChain(steps.stream().filter(s -> s instanceof DocumentFilter && !(s instanceof LanguageFilter))
        .map(DocumentFilter.class::cast).toList());
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
