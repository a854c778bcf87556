package dev.pretrain.trainer.data;

import dev.pretrain.common.error.JobStopped;

/** A shard that cannot be read or breaks the shard contract; the message names the shard. */
public final class ShardReadException extends JobStopped {
  public ShardReadException(String message) {
    super(message);
  }

  public ShardReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
