package dev.pretrain.tokenize.shards;

import dev.pretrain.common.shards.Manifest;
import java.util.List;
import java.util.Map;

/**
 * What a tokenize run did.
 *
 * @param documents documents read, rejected ones included
 * @param textBytes UTF-8 bytes of the encoded documents' text
 * @param tokens ids of the encoded documents, one end-of-text id per document included
 * @param droppedTokens ids of partial last rows that were dropped (remainder = drop)
 * @param paddedTokens end-of-text ids added to fill partial last rows (remainder = pad)
 * @param rowsBySplit rows per split ({@code train}, {@code val})
 * @param manifestSha256 SHA-256 of the written manifest.json
 * @param sources what each source of a mix contributed, as the manifest records it; empty for a single input
 */
public record TokenizeReport(
    double seconds,
    long documents,
    long rejectedDocuments,
    long textBytes,
    long tokens,
    long rows,
    long droppedTokens,
    long paddedTokens,
    Map<String, Long> rowsBySplit,
    Map<String, Integer> shardsBySplit,
    String manifestSha256,
    List<Manifest.Source> sources) {}
