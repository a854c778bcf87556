package dev.pretrain.tokenize.export;

import java.util.Locale;

/**
 * The trainers' formats {@code export-tokens} writes, with each one's file size limit by default.
 *
 * <ul>
 *   <li>{@code megatron}: Megatron-LM's indexed dataset ({@code megatron/core/datasets/indexed_dataset.py}),
 *       a {@code .bin} of tokens and an {@code .idx} with the {@code MMIDIDX} header, one sequence per document;
 *       pairs {@code SPLIT_NNNNNN.bin/.idx} of at most {@code --max-file-bytes} each (4 GiB by default).
 *   <li>{@code nanogpt}: nanoGPT's {@code data/*}/prepare.py output, one flat uint16 stream per split
 *       ({@code train.bin}, {@code val.bin}) that {@code np.memmap(..., dtype=np.uint16)} reads; one file, no limit.
 *   <li>{@code llmc}: llm.c's {@code dev/data/data_common.py write_datafile}: a header of 256 int32 (magic
 *       20240520, version 1, token count) and uint16 tokens, in shards {@code tokens_SPLIT_NNNNNN.bin} of
 *       10^8 tokens by default, as llm.c's {@code fineweb.py} cuts them.
 * </ul>
 */
public enum ExportFormat {
  MEGATRON(4L << 30),
  NANOGPT(Long.MAX_VALUE),
  LLMC(LlmcWriter.HEADER_BYTES + 2L * 100_000_000L);

  private final long defaultMaxFileBytes;

  ExportFormat(long defaultMaxFileBytes) {
    this.defaultMaxFileBytes = defaultMaxFileBytes;
  }

  public long defaultMaxFileBytes() {
    return defaultMaxFileBytes;
  }

  /** The name on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The dtype ids are written in, for a vocabulary of {@code vocabSize} ids. */
  public TokenDtype dtype(int vocabSize) {
    return this == MEGATRON ? TokenDtype.forMegatron(vocabSize) : TokenDtype.UINT16;
  }
}
