package dev.pretrain.trainer.model;

/** The parts of a training step whose time {@link PhaseTimer} keeps apart. */
public enum Phase {
  EMBEDDING, LAYER_NORM, LINEAR, ATTENTION, GELU, RESIDUAL, LOGITS, LOSS, OPTIMIZER
}
