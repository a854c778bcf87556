package dev.pretrain.common.read;

import dev.pretrain.common.error.JobStopped;
import java.util.Optional;

/**
 * An input file is truncated or corrupt and {@code read.on-corrupt-file = fail}: the job stops
 * with one line that names the file, where reading broke and what the decoder said (a
 * {@link JobStopped}: the command line prints that line, also when it comes wrapped in Spark's
 * task failure).
 */
public final class CorruptInputFile extends JobStopped {
  private static final long serialVersionUID = 1L;

  private CorruptInputFile(String message) {
    super(message);
  }

  /** A streamed file (JSONL, text, WET, WARC) whose decoding broke at an uncompressed byte offset. */
  static CorruptInputFile streamed(String file, long offset, String error) {
    return new CorruptInputFile("read: " + file + " is truncated or corrupt: reading broke in the record at"
        + " uncompressed byte " + offset + " (" + error + "); " + HOW_TO_GO_ON);
  }

  /** A Parquet file whose footer cannot be read, so none of its rows can be found. */
  static CorruptInputFile parquet(String file, String error) {
    return new CorruptInputFile("read: " + file + " is truncated or corrupt: its Parquet footer cannot be read ("
        + error + "); " + HOW_TO_GO_ON);
  }

  private static final String HOW_TO_GO_ON = "read.on-corrupt-file = fail stops here; with reject the file"
      + " becomes one rejected row and the job goes on";

  /**
   * The corrupt file that stopped a Spark job, if that is what stopped it: Spark wraps a task's
   * exception (and its executor stack trace) in its own, and the one line that matters is inside.
   */
  static Optional<CorruptInputFile> causeOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CorruptInputFile corrupt) {
        return Optional.of(corrupt);
      }
    }
    return Optional.empty();
  }
}
