package dev.pretrain.classify.fasttext;

import java.util.List;

/**
 * What a fastText model file holds, read without its weights ({@link FastTextReader#inspect}): to
 * check a model and its labels where loading it would cost too much (a job's driver).
 *
 * @param name the file, as named to the reader
 * @param version fastText's file format version
 * @param args the model's arguments
 * @param words dictionary words
 * @param labels the labels in label-id order
 * @param prunedBuckets buckets kept by {@code quantize -cutoff}, or -1 for a model that was not pruned
 * @param quantizedInput whether the input matrix is product-quantized ({@code .ftz})
 * @param quantizedOutput whether the output matrix is too ({@code quantize -qout})
 * @param bytes the file's size
 */
public record FastTextFileInfo(String name, int version, FastTextArgs args, int words, List<String> labels,
    int prunedBuckets, boolean quantizedInput, boolean quantizedOutput, long bytes) {
  public FastTextFileInfo {
    labels = List.copyOf(labels);
  }
}
