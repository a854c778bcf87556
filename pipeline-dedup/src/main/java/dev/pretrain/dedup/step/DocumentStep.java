package dev.pretrain.dedup.step;

import java.util.List;
import java.util.Optional;

/**
 * One per-document step of the curate job, in the manner of datatrove's pipeline steps: a cleaner,
 * a quality filter, language identification, the exact dedup key or the MinHash band keys. A step
 * reads and changes one {@link StepDocument} and either keeps it or drops it with a
 * {@link Rejection} (written to {@code rejected/} as it is). What it did is counted in the
 * document's counters (the report's {@code clean_counts}), and the columns it fills are named by
 * {@link #columns()}. The job's list of steps is {@code dev.pretrain.dedup.job.CurateSteps}.
 *
 * <p>A step instance serves one thread (steps may hold buffers); heavy shared parts such as
 * language models are loaded once per JVM by the step's own code.
 */
public interface DocumentStep {
  /** The step's name: its counters are named {@code name + "." + what}, and a bench's rows by it. */
  String name();

  /** Keep the document (empty), or drop it and say why. */
  Optional<Rejection> run(StepDocument document);

  /** Columns of the per-document table this step fills (besides {@code text}). */
  default List<String> columns() {
    return List.of();
  }
}
