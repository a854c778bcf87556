package dev.pretrain.trainer.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.model.GptConfig;
import java.util.Map;

/**
 * {@code state.json} of a checkpoint: where training stands and the SHA-256 of every array file.
 *
 * @param step            optimizer steps completed
 * @param tokensSeen      train tokens consumed (inputs, B·T per micro-batch)
 * @param cursor          the data loader's position after the last batch used
 * @param seed            the run's seed: initial weights and every epoch's shard order derive from it,
 *                        so it is the whole RNG state (dropout is 0, nothing else draws numbers)
 * @param manifestSha256  SHA-256 of the dataset's manifest.json
 * @param model           the model's shape
 * @param files           array file name → its SHA-256 and float count
 */
public record CheckpointState(
    @JsonProperty("format_version") int formatVersion,
    long step,
    @JsonProperty("tokens_seen") long tokensSeen,
    Cursor cursor,
    long seed,
    @JsonProperty("manifest_sha256") String manifestSha256,
    GptConfig model,
    Map<String, ArrayFile> files) implements SavedState {

  public static final int VERSION = 1;
  public static final String FILE_NAME = "state.json";

  /** One little-endian float32 file. */
  public record ArrayFile(String sha256, long floats) {
  }

  @Override
  public CheckpointState withFiles(Map<String, ArrayFile> newFiles) {
    return new CheckpointState(formatVersion, step, tokensSeen, cursor, seed, manifestSha256, model,
        Map.copyOf(newFiles));
  }

  @JsonIgnore
  @Override
  public boolean complete() {
    return files != null && cursor != null && model != null && manifestSha256 != null;
  }
}
