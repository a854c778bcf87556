package dev.pretrain.dedup.minhash;

import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.List;
import java.util.Optional;

/**
 * The MinHash band keys of a document ({@code curate.minhash.implementation = jvm}); a text
 * shorter than one shingle gets none. Uses the normalized text {@link ExactKeyStep} left with
 * the document when there is one.
 */
public final class MinHashStep implements DocumentStep {
  private final MinHasher minHasher;
  private final long[] signature;
  private final long[] keys;

  public MinHashStep(MinHashSettings settings) {
    this.minHasher = new MinHasher(settings);
    this.signature = new long[settings.permutations()];
    this.keys = new long[minHasher.bands()];
  }

  @Override
  public String name() {
    return "minhash";
  }

  @Override
  public Optional<Rejection> run(StepDocument document) {
    boolean signed = document.normalized() != null
        ? minHasher.signNormalized(document.normalized(), document.normalizedLength(), signature)
        : minHasher.sign(document.text(), signature);
    if (signed) {
      minHasher.bandKeys(signature, keys);
      Long[] boxed = new Long[keys.length];
      for (int i = 0; i < keys.length; i++) {
        boxed[i] = keys[i];
      }
      document.setBandKeys(boxed);
    }
    return Optional.empty();
  }

  @Override
  public List<String> columns() {
    return List.of("band_keys");
  }
}
