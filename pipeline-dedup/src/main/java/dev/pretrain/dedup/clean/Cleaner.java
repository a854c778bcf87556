package dev.pretrain.dedup.clean;

import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Optional;

/** One cleaning step: text in, text out, with what it did added to the counters; it never drops. */
public interface Cleaner extends DocumentStep {
  /** The step's name; its counters are named {@code name + "." + what}. */
  @Override
  String name();

  String apply(String text, CleanCounters counters);

  @Override
  default Optional<Rejection> run(StepDocument document) {
    document.setText(apply(document.text(), document.counters()));
    return Optional.empty();
  }
}
