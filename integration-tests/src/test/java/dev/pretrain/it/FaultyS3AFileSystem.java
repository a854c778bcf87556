package dev.pretrain.it;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * S3A with one injected fault: while armed, creating a file whose path matches a pattern fails
 * the way a lost connection or a full quota would. Tasks run in the test's JVM (local mode), so a
 * static switch reaches them.
 */
public class FaultyS3AFileSystem extends S3AFileSystem {
  private static volatile Pattern failing;
  private static final AtomicInteger INJECTED = new AtomicInteger();

  /** Fails every create of a path matching {@code regex} until {@link #disarm()}. */
  static void failCreatesMatching(String regex) {
    INJECTED.set(0);
    failing = Pattern.compile(regex);
  }

  /** Stops injecting; returns how many creates were failed. */
  static int disarm() {
    failing = null;
    return INJECTED.get();
  }

  @Override
  public FSDataOutputStream create(Path path, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    Pattern pattern = failing;
    if (pattern != null && pattern.matcher(path.toString()).matches()) {
      INJECTED.incrementAndGet();
      throw new IOException("injected fault: cannot create " + path);
    }
    return super.create(path, permission, overwrite, bufferSize, replication, blockSize, progress);
  }
}
