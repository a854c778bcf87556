package dev.pretrain.dedup.extract;

import dev.pretrain.dedup.clean.HtmlDetector;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Locale;
import java.util.Optional;

/**
 * The curate step that turns HTML into text ({@code curate.extract}): pages the reader marked as
 * HTML (WARC responses, {@code read.fields.html}) and text documents that are HTML markup all the
 * same ({@link HtmlDetector}) go through {@link MainContentExtractor}; other documents pass as
 * they are. The page title goes to {@code meta.title}. Counted per page: which pass produced the
 * text ({@code extract.path.main}, {@code .fallback}, {@code .full}), pages cut off by the budget,
 * and pages detected as HTML in text inputs. A page with no text at all is rejected
 * ({@code extract/no-text-extracted}).
 */
public final class ExtractStep implements DocumentStep {
  public static final String NAME = "extract";
  private static final Optional<Rejection> NOTHING =
      Optional.of(new Rejection(Rejection.EXTRACT, "no-text-extracted", null, null));

  private final MainContentExtractor extractor;

  public ExtractStep(ExtractSettings settings) {
    this.extractor = new MainContentExtractor(settings);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    if (!document.isHtml()) {
      if (!HtmlDetector.looksLikeHtml(document.text())) {
        return Optional.empty();
      }
      document.counters().add(NAME + ".html-in-text", 1);
    }
    Extraction extraction = extractor.extract(document.text());
    document.counters().add(NAME + ".path." + extraction.path().name().toLowerCase(Locale.ROOT), 1);
    if (extraction.budgetExceeded()) {
      document.counters().add(NAME + ".budget-exceeded", 1);
    }
    if (extraction.title() != null && !extraction.title().isBlank()) {
      document.putMeta("title", extraction.title().strip());
    }
    document.setExtractedText(extraction.text());
    return extraction.text().isBlank() ? NOTHING : Optional.empty();
  }
}
