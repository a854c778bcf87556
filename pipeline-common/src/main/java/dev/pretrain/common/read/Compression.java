package dev.pretrain.common.read;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Opens compressed inputs by their suffix. Pure-Java or bundled-native codecs only: Hadoop's own
 * zstd and bzip2 codecs need libhadoop, which laptops and many images do not have.
 */
final class Compression {
  private Compression() {}

  private static final String[] SUFFIXES = {".gz", ".zst", ".zstd", ".bz2"};

  static InputStream open(InputStream raw, String fileName) throws IOException {
    String name = fileName.toLowerCase(Locale.ROOT);
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    if (name.endsWith(".gz")) {
      return new GZIPInputStream(in, 1 << 16); // reads concatenated members too, as gzip(1) does
    }
    if (name.endsWith(".zst") || name.endsWith(".zstd")) {
      return new ZstdInputStream(in);
    }
    if (name.endsWith(".bz2")) {
      return new BZip2CompressorInputStream(in, true);
    }
    return in;
  }

  static String stripSuffix(String fileName) {
    for (String suffix : SUFFIXES) {
      if (fileName.endsWith(suffix)) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return fileName;
  }
}
