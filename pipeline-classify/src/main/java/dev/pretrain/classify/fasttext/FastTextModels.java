package dev.pretrain.classify.fasttext;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * fastText models from any Hadoop file system: a local path, {@code file://}, {@code s3a://},
 * {@code gs://}, {@code hdfs://} (with the job's Hadoop settings, as the URL blocklist is read).
 *
 * <p>{@link #shared} keeps one loaded model per path and JVM, as curate keeps its language models:
 * an executor loads a model once, on first use, and all its tasks share it (a model is immutable;
 * each thread predicts with its own buffers). Loading happens under the map's lock, so concurrent
 * first tasks wait for one load; a failed load is not kept, and the next call tries again.
 */
public final class FastTextModels {
  private record Key(String path, Scoring scoring) {}

  private static final Map<String, FastTextModel> LOADED = new ConcurrentHashMap<>();
  /** The loaded models with their scoring: one copy of the weights per path, whatever the scorings. */
  private static final Map<Key, FastTextModel> SCORED = new ConcurrentHashMap<>();

  private FastTextModels() {}

  /** The model at {@code path}, loaded by the first caller in this JVM and shared from then on. */
  public static FastTextModel shared(String path, Configuration hadoop) {
    return shared(path, hadoop, Scoring.EXACT);
  }

  /** {@link #shared(String, Configuration)}, computing its scores the given way ({@link FastTextModel#withScoring}). */
  public static FastTextModel shared(String path, Configuration hadoop, Scoring scoring) {
    return SCORED.computeIfAbsent(new Key(path, scoring), key -> LOADED.computeIfAbsent(path, p -> {
      try {
        return load(p, hadoop);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).withScoring(scoring));
  }

  /** Loads the model at {@code path} (not shared: each call reads the file). */
  public static FastTextModel load(String path, Configuration hadoop) throws IOException {
    return readFile(path, hadoop, FastTextReader::read);
  }

  /**
   * Checks the model at {@code path} without loading its weights ({@link FastTextReader#inspect}):
   * for a job's driver, which fails at start on a missing, wrong or damaged file, naming it, and can
   * check the labels a setting names, before any task loads the model.
   */
  public static FastTextFileInfo inspect(String path, Configuration hadoop) throws IOException {
    return readFile(path, hadoop, FastTextReader::inspect);
  }

  /** How {@link FastTextReader} reads a stream of known length, named for its messages. */
  @FunctionalInterface
  private interface StreamReader<T> {
    T read(InputStream in, long length, String name) throws IOException;
  }

  private static <T> T readFile(String path, Configuration hadoop, StreamReader<T> reader) throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(hadoop);
    long length = length(fs, file, path);
    try (InputStream in = fs.open(file)) {
      return reader.read(in, length, path);
    }
  }

  private static long length(FileSystem fs, Path file, String path) throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(file);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("no fastText model at " + path);
    }
    if (status.isDirectory()) {
      throw new FastTextFormatException(path, "a directory, not a fastText model file");
    }
    return status.getLen();
  }
}
