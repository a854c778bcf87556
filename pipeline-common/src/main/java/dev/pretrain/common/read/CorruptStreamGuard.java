package dev.pretrain.common.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Reads one streamed file (JSONL, text, WET, WARC; plain or compressed) and decides what a broken
 * stream means. If storage failed (see {@link StorageStream}) the error is rethrown: the task
 * fails and Spark retries it, as for any I/O error. If the bytes arrived but do not decode (a
 * truncated or corrupt gzip, zstd, bz2 or WARC stream, or a compressed file that is not in its
 * format at all), the records read so far stand and the file ends with one
 * {@link ReadReject#TRUNCATED_INPUT} row at the uncompressed offset of the first record that could
 * not be read completely ({@code read.on-corrupt-file = reject}), or the task stops with
 * {@link CorruptInputFile} ({@code fail}).
 *
 * <p>After the file's last row (a record, or the break's row) comes its counts row if its reader
 * counted anything (see {@link ReadRecords}): what was counted before a break stands too.
 *
 * <p>Only {@link IOException}s count as corruption: every decoder used here reports bad input
 * that way, and any other exception is a bug that must not pass as a broken file.
 */
final class CorruptStreamGuard implements Iterator<Row> {
  private final InputFile file;
  private final ReadSettings settings;
  private final StorageStream storage;
  private FileRecords records;
  /** Rows still to return after the file's records: the break's row, then the counts row. */
  private final java.util.ArrayDeque<Row> trailing = new java.util.ArrayDeque<>();
  private boolean done;

  CorruptStreamGuard(InputFile file, ReadSettings settings, StorageStream storage) {
    this.file = file;
    this.settings = settings;
    this.storage = storage;
  }

  @Override
  public boolean hasNext() {
    if (!trailing.isEmpty()) {
      return true;
    }
    if (done) {
      return false;
    }
    try {
      if (records == null) {
        // Decoders read their header on construction: a .gz that is not gzip breaks here.
        records = FileRecords.open(file, settings, Compression.open(storage, file.path()));
      }
      if (records.hasNext()) {
        return true;
      }
      finish();
    } catch (IOException e) {
      broken(e);
    } catch (UncheckedIOException e) {
      broken(e.getCause());
    }
    return !trailing.isEmpty();
  }

  private void finish() {
    done = true;
    Row counts = records == null ? null : records.countsRow();
    if (counts != null) {
      trailing.add(counts);
    }
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return trailing.isEmpty() ? records.next() : trailing.poll();
  }

  private void broken(IOException e) {
    closeQuietly();
    if (storage.failed()) {
      throw new UncheckedIOException("reading " + file.path() + ": " + e.getMessage(), e);
    }
    long offset = records == null ? 0 : records.position();
    String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    if (settings.onCorruptFile() == ReadSettings.CorruptFilePolicy.FAIL) {
      throw CorruptInputFile.streamed(file.path(), offset, error);
    }
    trailing.add(ReadRecords.rejected(file.path(), offset, ReadReject.truncatedInput(error), null));
    finish();
  }

  private void closeQuietly() {
    try {
      storage.close();
    } catch (IOException ignored) {
      // The file is finished with either way.
    }
  }
}
