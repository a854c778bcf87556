package dev.pretrain.common.read;

import dev.pretrain.common.io.HadoopConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Finds the Parquet inputs whose footer cannot be read, in one distributed pass before Spark's
 * columnar reader gets the rest. A Parquet file's footer is its last bytes and locates every row
 * group, so a truncated file loses it first and none of its rows can be found; Spark would fail
 * the whole job on such a file. Each check reads one footer (a few KB) with parquet-hadoop's
 * {@link ParquetFileReader#readFooter(org.apache.parquet.io.InputFile, ParquetReadOptions,
 * SeekableInputStream)}, through a {@link StorageStream} so that a storage error fails the task
 * (and is retried) instead of passing for a broken file. A file with a valid footer but corrupt
 * pages is not found here: Spark's reader stops on it.
 */
final class ParquetFooters {
  private ParquetFooters() {}

  static List<BrokenFile> unreadable(JavaSparkContext spark, List<InputFile> files, HadoopConf hadoop) {
    int tasks = Math.max(1, Math.min(files.size(), spark.defaultParallelism()));
    return spark.parallelize(files, tasks).flatMap(new CheckFooter(hadoop)).collect();
  }

  /** Executor side: no row for a readable footer, one {@link BrokenFile} (row 0) for an unreadable one. */
  static final class CheckFooter implements FlatMapFunction<InputFile, BrokenFile> {
    private static final long serialVersionUID = 1L;
    private final HadoopConf hadoop;

    CheckFooter(HadoopConf hadoop) {
      this.hadoop = hadoop;
    }

    @Override
    public Iterator<BrokenFile> call(InputFile file) throws IOException {
      Path path = new Path(file.path());
      StorageStream storage = new StorageStream(path.getFileSystem(hadoop.get()).open(path));
      try (SeekableInputStream in = new Seekable(storage)) {
        // The listed size stands for getLength(): one storage call fewer per file.
        ParquetFileReader.readFooter(new Sized(file.bytes()), ParquetReadOptions.builder().build(), in);
        return List.<BrokenFile>of().iterator();
      } catch (IOException | RuntimeException e) {
        if (storage.failed()) {
          throw new UncheckedIOException("reading the Parquet footer of " + file.path(), 
              e instanceof IOException io ? io : new IOException(e));
        }
        return List.of(new BrokenFile(file.path(), 0, e.getClass().getSimpleName() + ": " + e.getMessage())).iterator();
      }
    }
  }

  /** Parquet's view of the watched storage stream. */
  private static final class Seekable extends DelegatingSeekableInputStream {
    private final StorageStream storage;

    Seekable(StorageStream storage) {
      super(storage);
      this.storage = storage;
    }

    @Override
    public long getPos() throws IOException {
      return storage.position();
    }

    @Override
    public void seek(long position) throws IOException {
      storage.seek(position);
    }
  }

  /** A file of a known length; readFooter asks nothing else of it when given the stream. */
  private record Sized(long length) implements org.apache.parquet.io.InputFile {
    @Override
    public long getLength() {
      return length;
    }

    @Override
    public SeekableInputStream newStream() {
      throw new UnsupportedOperationException("the footer check passes its own stream");
    }
  }
}
