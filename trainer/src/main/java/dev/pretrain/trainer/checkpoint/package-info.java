/**
 * Checkpoints of a run: θ and the AdamW moments as raw little-endian float32 files, and
 * {@code state.json} with their SHA-256, the step, tokens seen, data cursor, seed, the dataset's
 * manifest SHA-256 and the model shape; written atomically (temporary directory, then rename).
 */
package dev.pretrain.trainer.checkpoint;
