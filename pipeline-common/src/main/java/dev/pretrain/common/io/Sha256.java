package dev.pretrain.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** SHA-256 in lower-case hex, the checksum every manifest and checkpoint records. */
public final class Sha256 {
  private Sha256() {}

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** Of a file on any Hadoop file system (local, s3a://, gs://, hdfs://), read in 64 KiB blocks. */
  public static String ofFile(String location, Configuration hadoop) throws IOException {
    MessageDigest sha = digest();
    Path path = new Path(location);
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
