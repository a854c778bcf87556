package dev.pretrain.tokenize.export;

import java.io.IOException;
import java.util.List;

/**
 * Receives one split's documents in the dataset's shuffled order: the split's totals first, then
 * for each document its length, its ids in chunks, and its end. Each export format is one sink.
 */
interface DocumentSink {
  /** Called once before the first document: what is coming (llm.c's headers need counts up front). */
  void start(long documents, long tokens) throws IOException;

  void beginDocument(long length) throws IOException;

  void tokens(int[] ids, int from, int count) throws IOException;

  void endDocument() throws IOException;

  /** Closes every file; returns their names in the order written. */
  List<String> finish() throws IOException;

  /** After a failure: releases what the sink holds outside the output (temporary files). */
  default void abort() {}
}
