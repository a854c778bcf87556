package dev.pretrain.tokenize.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * llm.c's token shards ({@code dev/data/data_common.py write_datafile}, the "gpt-2" layout): a header
 * of 256 little-endian int32 — [0] the magic 20240520, [1] the version 1 (uint16 ids), [2] the number of
 * ids after the header, the rest 0 — then the ids as little-endian uint16. The split's stream of
 * documents (each ending with the end-of-text id) is cut into shards of {@code maxTokens} ids, the last
 * one shorter, a document running on into the next shard as llm.c's {@code fineweb.py} cuts it; the
 * header's count is an int32, so a shard holds fewer than 2^31 ids. Named
 * {@code tokens_SPLIT_NNNNNN.bin}, the {@code NAME_SPLIT_NNNNNN.bin} pattern llm.c's loaders glob.
 */
final class LlmcWriter implements DocumentSink {
  static final int HEADER_INTS = 256;
  static final int HEADER_BYTES = HEADER_INTS * Integer.BYTES;
  /** data_common.py HEADERS_INFO["gpt-2"]. */
  static final int MAGIC = 20240520;
  static final int VERSION = 1;

  private final String split;
  private final OutputFiles files;
  private final long maxTokens;
  private final List<String> names = new ArrayList<>();
  private LittleEndianOut out;
  private long remaining;
  private long shardTokens;
  private long inShard;

  LlmcWriter(String split, OutputFiles files, long maxFileBytes) {
    this.split = split;
    this.files = files;
    this.maxTokens = maxTokens(maxFileBytes);
  }

  /** Ids per shard for a file size limit: what fits after the header, below 2^31. */
  static long maxTokens(long maxFileBytes) {
    long tokens = Math.min((maxFileBytes - HEADER_BYTES) / TokenDtype.UINT16.bytes(), Integer.MAX_VALUE);
    if (tokens < 1) {
      throw new IllegalArgumentException("--max-file-bytes " + maxFileBytes + " leaves no room for a token after"
          + " llm.c's " + HEADER_BYTES + "-byte header; give at least " + (HEADER_BYTES + 2));
    }
    return tokens;
  }

  static String fileName(String split, int index) {
    return String.format(Locale.ROOT, "tokens_%s_%06d.bin", split, index);
  }

  @Override
  public void start(long documents, long tokens) {
    this.remaining = tokens;
  }

  @Override
  public void beginDocument(long length) {}

  @Override
  public void tokens(int[] ids, int from, int count) throws IOException {
    while (count > 0) {
      if (out == null || inShard == shardTokens) {
        nextShard();
      }
      int n = (int) Math.min(count, shardTokens - inShard);
      out.ids(ids, from, n, TokenDtype.UINT16);
      inShard += n;
      remaining -= n;
      from += n;
      count -= n;
    }
  }

  private void nextShard() throws IOException {
    closeShard();
    if (remaining <= 0) {
      throw new IllegalStateException("llmc " + split + ": more ids than the split's count (a bug)");
    }
    shardTokens = Math.min(maxTokens, remaining);
    inShard = 0;
    String name = fileName(split, names.size());
    names.add(name);
    out = new LittleEndianOut(files.create(name));
    out.int32(MAGIC);
    out.int32(VERSION);
    out.int32((int) shardTokens);
    for (int i = 3; i < HEADER_INTS; i++) {
      out.int32(0);
    }
  }

  private void closeShard() throws IOException {
    if (out != null) {
      if (inShard != shardTokens) {
        throw new IllegalStateException("llmc " + names.get(names.size() - 1) + ": " + inShard + " ids written, its"
            + " header says " + shardTokens + " (a bug)");
      }
      out.close();
      out = null;
    }
  }

  @Override
  public void endDocument() {}

  @Override
  public List<String> finish() throws IOException {
    closeShard();
    if (remaining != 0) {
      throw new IllegalStateException("llmc " + split + ": " + remaining + " ids announced but never written (a bug)");
    }
    return List.copyOf(names);
  }
}
