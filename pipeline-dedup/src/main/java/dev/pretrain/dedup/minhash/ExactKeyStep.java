package dev.pretrain.dedup.minhash;

import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.List;
import java.util.Optional;

/**
 * The exact dedup key ({@link ExactKey}) of the dedup-normalized text. The normalized text stays
 * with the document for {@link MinHashStep}, so each document is normalized once for both.
 */
public final class ExactKeyStep implements DocumentStep {
  private final DedupNormalizer normalizer = new DedupNormalizer();

  @Override
  public String name() {
    return "exact-key";
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    int length = normalizer.normalize(document.text());
    document.setExactKey(ExactKey.ofNormalized(normalizer.buffer(), length).hex());
    document.setNormalized(normalizer.buffer(), length);
    return Optional.empty();
  }

  @Override
  public List<String> columns() {
    return List.of("exact_key");
  }
}
