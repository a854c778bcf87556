package dev.pretrain.tokenize.bpe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** GPT-2's tokenizer.json (test resource, see the README beside it), unpacked once per JVM. */
final class Gpt2TokenizerFile {
  private static Path path;

  private Gpt2TokenizerFile() {}

  static synchronized Path path() {
    if (path == null) {
      try (InputStream in = new GZIPInputStream(Gpt2TokenizerFile.class.getResourceAsStream(
          "/dev/pretrain/tokenize/gpt2/tokenizer.json.gz"))) {
        Path file = Files.createTempFile("gpt2-", "-tokenizer.json");
        file.toFile().deleteOnExit();
        Files.write(file, in.readAllBytes());
        path = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return path;
  }

  static ByteLevelBpeTokenizer load() {
    try {
      return TokenizerJsonReader.read(path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
