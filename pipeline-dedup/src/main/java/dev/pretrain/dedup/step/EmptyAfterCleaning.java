package dev.pretrain.dedup.step;

import java.util.Optional;

/** Drops a document that the cleaners left blank ({@code clean/empty-after-cleaning}). */
public final class EmptyAfterCleaning implements DocumentStep {
  public static final String NAME = "empty-after-cleaning";
  private static final Optional<Rejection> EMPTY =
      Optional.of(new Rejection(Rejection.CLEAN, NAME, null, null));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    return document.text().isBlank() ? EMPTY : Optional.empty();
  }
}
