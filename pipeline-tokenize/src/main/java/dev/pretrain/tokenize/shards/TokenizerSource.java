package dev.pretrain.tokenize.shards;

import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A tokenizer as shipped to executors: the encoders are not serializable and take a fraction of a
 * second to build, so tasks get this small description (the spec, and a tokenizer.json's bytes
 * read once by the driver from any Hadoop file system) and build the encoder once per JVM.
 */
public final class TokenizerSource implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

  private final String spec;
  private final byte[] json; // null for tiktoken:NAME
  private final String key;

  private TokenizerSource(String spec, byte[] json, String key) {
    this.spec = spec;
    this.json = json;
    this.key = key;
  }

  /** Reads the tokenizer.json (if the spec is a path) on the driver. */
  public static TokenizerSource of(String spec, Configuration hadoop) throws IOException {
    if (spec.startsWith(Tokenizers.TIKTOKEN_PREFIX)) {
      return new TokenizerSource(spec, null, spec);
    }
    Path path = new Path(spec);
    FileSystem fs = path.getFileSystem(hadoop);
    if (!fs.exists(path)) {
      throw new IllegalArgumentException("tokenizer file not found: " + spec);
    }
    byte[] bytes;
    try (InputStream in = fs.open(path)) {
      bytes = in.readAllBytes();
    }
    if (spec.endsWith(".gz")) {
      bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
    }
    return new TokenizerSource(spec, bytes, spec + "#" + java.util.Arrays.hashCode(bytes) + "#" + bytes.length);
  }

  /** A tokenizer.json already in memory (just trained), named {@code name}. */
  public static TokenizerSource ofJson(byte[] json, String name) {
    return new TokenizerSource(name, json, name + "#" + java.util.Arrays.hashCode(json) + "#" + json.length);
  }

  /** The tokenizer.json bytes (decompressed), or empty for a tiktoken vocabulary, which has no file. */
  public java.util.Optional<byte[]> json() {
    return java.util.Optional.ofNullable(json).map(byte[]::clone);
  }

  /** The encoder, built on first use in this JVM and shared by its tasks (it is thread-safe). */
  public Tokenizer get() {
    return LOADED.computeIfAbsent(key, k -> {
      try {
        return json == null ? Tokenizers.load(spec) : TokenizerJsonReader.parse(json, new Path(spec).getName());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load tokenizer " + spec, e);
      }
    });
  }
}
