package dev.pretrain.trainer.distributed;

/** How the driver turns the workers' mean parameter change into the next global parameters. */
public enum OuterRule {
  /** SGD with Nesterov momentum on the mean change, the DiLoCo outer optimizer (Douillard et al. 2023). */
  NESTEROV,
  /** θ ← θ − mean Δ: the workers' parameters averaged (with H = 1, synchronous data-parallel training). */
  AVERAGE
}
