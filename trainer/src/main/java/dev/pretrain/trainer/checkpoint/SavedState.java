package dev.pretrain.trainer.checkpoint;

import dev.pretrain.trainer.model.GptConfig;
import java.util.Map;

/**
 * The state file of a checkpoint, whatever advanced the run: what every kind records ({@link CheckpointState}
 * for single-process steps, {@code RoundState} for DiLoCo rounds) besides what only its kind needs.
 */
public interface SavedState {

  int formatVersion();

  /** Optimizer steps of the run done at this checkpoint (for DiLoCo, rounds × inner steps). */
  long step();

  /** Train tokens consumed. */
  long tokensSeen();

  /** The run's seed: initial weights and the data order derive from it. */
  long seed();

  /** SHA-256 of the dataset's manifest.json: resuming on other data is refused unless asked for. */
  String manifestSha256();

  GptConfig model();

  /** Array file name → its SHA-256 and float count. */
  Map<String, CheckpointState.ArrayFile> files();

  /** The same state recording {@code files}. */
  SavedState withFiles(Map<String, CheckpointState.ArrayFile> files);

  /** True if every field a reader relies on is present. */
  boolean complete();
}
