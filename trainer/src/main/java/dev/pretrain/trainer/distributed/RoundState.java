package dev.pretrain.trainer.distributed;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.model.GptConfig;
import java.util.Map;

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
    Map<String, CheckpointState.ArrayFile> files) {

  public static final int VERSION = 1;
  public static final String FILE_NAME = "round.json";
}
