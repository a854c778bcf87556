package dev.pretrain.tokenize.export;

import java.util.List;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param dtype the id type of the files
 * @param splits per split, in the order exported
 * @param tokensRead ids read from the shards (rows × (seq_len + 1)), the measure of throughput
 * @param seconds wall time from the manifest to the commit
 */
public record ExportTokensReport(ExportFormat format, TokenDtype dtype, Map<String, SplitExport> splits,
    long tokensRead, double seconds) {

  /**
   * @param documents documents written (one sequence each in megatron)
   * @param tokens ids written, end-of-text ids included
   * @param eotAppended documents whose tail tokenize had dropped at the end of a pack group, written with
   *     an end-of-text id added so that every document ends with one
   * @param files the files written, in order
   */
  public record SplitExport(long rows, long documents, long tokens, long eotAppended, List<String> files) {}
}
