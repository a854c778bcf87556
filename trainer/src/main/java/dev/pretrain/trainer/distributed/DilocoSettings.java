package dev.pretrain.trainer.distributed;

import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;

/**
 * The {@code train.diloco} config section: how data-parallel rounds over Spark tasks are run.
 *
 * @param innerSteps         H, AdamW steps each worker takes between synchronisations
 * @param outer              the outer update of the global parameters
 * @param outerLr            outer learning rate (Nesterov only)
 * @param outerMomentum      outer momentum (Nesterov only)
 * @param fp16Deltas         send each worker's Δ to the driver as float16 (half the bytes)
 * @param treeDepth          depth of Spark's tree reduction of the Δ
 * @param checkpointInterval rounds between checkpoints (one is also written after the last round)
 * @param evalInterval       rounds between validation evaluations on the driver (and after the last)
 */
public record DilocoSettings(int innerSteps, OuterRule outer, double outerLr, double outerMomentum,
                             boolean fp16Deltas, int treeDepth, int checkpointInterval, int evalInterval)
    implements Serializable {

  /** Reads the section, recording every problem in {@code r}; the caller calls {@link SettingsReader#finish()}. */
  public static DilocoSettings read(SettingsReader r) {
    DilocoSettings s = new DilocoSettings(
        r.intIn("train.diloco.inner-steps", 1, 1 << 24),
        r.oneOf("train.diloco.outer", OuterRule.class),
        r.doubleIn("train.diloco.outer-lr", 1e-6, 100),
        r.doubleIn("train.diloco.outer-momentum", 0, 0.999),
        r.bool("train.diloco.fp16-deltas"),
        r.intIn("train.diloco.tree-depth", 1, 8),
        r.intIn("train.diloco.checkpoint-interval", 1, Integer.MAX_VALUE),
        r.intIn("train.diloco.eval-interval", 1, Integer.MAX_VALUE));
    return s;
  }

  /**
   * Rounds in a run of {@code maxSteps} inner steps per worker: whole rounds, so the last one may run past
   * {@code maxSteps}, at the schedule's minimum rate.
   */
  public int rounds(int maxSteps) {
    return (int) ((maxSteps + (long) innerSteps - 1) / innerSteps);
  }
}
