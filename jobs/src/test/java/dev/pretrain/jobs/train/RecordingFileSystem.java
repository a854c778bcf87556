package dev.pretrain.jobs.train;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system, noting every file it opens: a config that names it as {@code fs.file.impl}
 * shows which reads went through the Hadoop settings of that config.
 */
public final class RecordingFileSystem extends RawLocalFileSystem {
  static final List<String> OPENED = new CopyOnWriteArrayList<>();

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    OPENED.add(f.toUri().getPath());
    return super.open(f, bufferSize);
  }
}
