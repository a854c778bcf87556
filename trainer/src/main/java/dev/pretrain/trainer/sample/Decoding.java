package dev.pretrain.trainer.sample;

/** How {@link Sampler} computes each next-token distribution; both give the same tokens. */
public enum Decoding {
  /** The prompt runs through the model once, then one row per new token against cached keys and values. */
  KV_CACHE,
  /** A forward over the whole context for every new token (the reference, and the benchmark's baseline). */
  FULL_CONTEXT
}
