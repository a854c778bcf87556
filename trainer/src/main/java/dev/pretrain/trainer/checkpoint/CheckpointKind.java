package dev.pretrain.trainer.checkpoint;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What tells one kind of checkpoint from another in {@code checkpoints/}: the directory prefix
 * ({@code step-NNNNNNN}, {@code round-NNNNNNN}), its state file and the record read from it.
 *
 * @param prefix    of the directory name, followed by {@code -} and the count, at least 7 digits
 * @param stateFile the state file's name, written last: a directory without it is not a checkpoint
 * @param state     the state file's record
 * @param version   the {@code format_version} this build reads and writes
 * @param label     how messages name checkpoints of this kind ("checkpoints", "round checkpoints")
 * @param fields    the fields a complete state file has, for the message when one lacks them
 */
public record CheckpointKind<S extends SavedState>(String prefix, String stateFile, Class<S> state, int version,
                                                   String label, String fields) {

  /** A single-process run's checkpoint after N optimizer steps. */
  public static final CheckpointKind<CheckpointState> STEP = new CheckpointKind<>("step", CheckpointState.FILE_NAME,
      CheckpointState.class, CheckpointState.VERSION, "checkpoints", "files, cursor, model or manifest_sha256");

  public String name(long count) {
    return String.format(Locale.ROOT, "%s-%07d", prefix, count);
  }

  boolean names(String directory) {
    return Pattern.matches(Pattern.quote(prefix) + "-\\d{7,}", directory);
  }
}
