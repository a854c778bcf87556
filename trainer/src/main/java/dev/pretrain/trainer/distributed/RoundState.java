package dev.pretrain.trainer.distributed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.SavedState;
import dev.pretrain.trainer.model.GptConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code round.json} of a round checkpoint, written last: its presence means the checkpoint is complete.
 *
 * @param rounds         rounds completed
 * @param innerSteps     H; the workers' data slices depend on it, so a resume must keep it
 * @param workers        N; likewise
 * @param tokensSeen     train tokens consumed by all workers together
 * @param files          file name → SHA-256 and float count: θ, the outer momentum, each worker's moments
 */
public record RoundState(
    @JsonProperty("format_version") int formatVersion,
    int rounds,
    @JsonProperty("inner_steps") int innerSteps,
    int workers,
    @JsonProperty("tokens_seen") long tokensSeen,
    long seed,
    @JsonProperty("manifest_sha256") String manifestSha256,
    GptConfig model,
    OuterRule outer,
    Map<String, CheckpointState.ArrayFile> files) implements SavedState {

  public static final int VERSION = 1;
  public static final String FILE_NAME = "round.json";
  public static final String MOMENTUM_FILE = "outer_momentum.f32";

  /** A DiLoCo run's checkpoint after N rounds. */
  public static final CheckpointKind<RoundState> KIND = new CheckpointKind<>("round", FILE_NAME, RoundState.class,
      VERSION, "round checkpoints", "files, model, outer or manifest_sha256");

  @JsonIgnore
  @Override
  public long step() {
    return (long) rounds * innerSteps;
  }

  @Override
  public RoundState withFiles(Map<String, CheckpointState.ArrayFile> newFiles) {
    return new RoundState(formatVersion, rounds, innerSteps, workers, tokensSeen, seed, manifestSha256, model, outer,
        Map.copyOf(newFiles));
  }

  @JsonIgnore
  @Override
  public boolean complete() {
    return files != null && model != null && manifestSha256 != null && outer != null;
  }

  /** worker → SHA-256 of its {m, v} files, for the first round after the checkpoint. */
  public TreeMap<Integer, String[]> workerFiles() {
    TreeMap<Integer, String[]> out = new TreeMap<>();
    for (int w = 0; w < workers; w++) {
      CheckpointState.ArrayFile m = files.get(RoundTask.momentFile(w, Trainer.FIRST_MOMENT_FILE));
      CheckpointState.ArrayFile v = files.get(RoundTask.momentFile(w, Trainer.SECOND_MOMENT_FILE));
      if (m != null && v != null) {
        out.put(w, new String[] {m.sha256(), v.sha256()});
      }
    }
    return out;
  }
}
