package dev.pretrain.common.read;

import java.io.Serializable;

/**
 * One file to read.
 *
 * @param path the file's full Hadoop path (part of derived ids, so keep inputs at stable paths)
 * @param format its format, never AUTO
 * @param bytes its size on storage (compressed)
 */
public record InputFile(String path, InputFormat format, long bytes) implements Serializable {
  /** The file name without directories, compression suffix and format extension: the default source. */
  public String stem() {
    String name = path.substring(path.lastIndexOf('/') + 1);
    name = Compression.stripSuffix(name);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
