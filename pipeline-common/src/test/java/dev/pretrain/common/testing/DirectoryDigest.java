package dev.pretrain.common.testing;

import dev.pretrain.common.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The bytes of a directory tree, to show a job left its inputs (or someone's files) as they were. */
public final class DirectoryDigest {
  private DirectoryDigest() {}

  /** Every file under {@code dir}, as a path relative to it → the SHA-256 of its bytes. */
  public static Map<String, String> of(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(file).toString(), Sha256.hex(Files.readAllBytes(file)));
      }
    }
    return out;
  }
}
