/**
 * Checkpoints of a run, of either kind ({@link dev.pretrain.trainer.checkpoint.CheckpointKind}): flat arrays
 * as raw little-endian float32 files ({@link dev.pretrain.trainer.checkpoint.FloatArrays}) and a state file
 * with their SHA-256, the model shape, the seed and the dataset's manifest SHA-256, in a directory of
 * {@code checkpoints/} written under a temporary name and renamed, its state file written last
 * ({@link dev.pretrain.trainer.checkpoint.CheckpointStore}).
 */
package dev.pretrain.trainer.checkpoint;
