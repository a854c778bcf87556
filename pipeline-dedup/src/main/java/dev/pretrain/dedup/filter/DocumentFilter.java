package dev.pretrain.dedup.filter;

import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Optional;

/** A named quality rule set over a document's (cleaned) text, in the manner of datatrove's BaseFilter. */
public interface DocumentFilter extends DocumentStep {
  /** The filter's name as written to {@code rejected/} and the run report, e.g. {@code gopher-quality}. */
  @Override
  String name();

  /** Keep, or drop naming the first rule that failed and its measured value. */
  Verdict apply(DocumentText document);

  default Verdict apply(String text) {
    return apply(new DocumentText(text));
  }

  /** As a step: the filters of one document share its {@link StepDocument#view()}. */
  @Override
  default Optional<Rejection> run(StepDocument document) {
    Verdict verdict = apply(document.view());
    return verdict.kept() ? Optional.empty() : Optional.of(Rejection.of(verdict));
  }
}
