package dev.pretrain.tokenize.shards;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Executor side of mixing: an encoded document becomes the copies its source's plan asks for,
 * one per whole epoch and one more if the partial epoch takes it ({@link PartialEpochs}); a
 * downsampled source's document is kept or left out. Rejects pass once, to be written and counted.
 */
final class MixCopies implements FlatMapFunction<EncodedDocument, EncodedDocument> {
  private static final long serialVersionUID = 1L;

  private final PartialEpochs epochs;
  private final int groups;

  MixCopies(PartialEpochs epochs, int groups) {
    this.epochs = epochs;
    this.groups = groups;
  }

  @Override
  public Iterator<EncodedDocument> call(EncodedDocument d) {
    if (d.isReject()) {
      return List.of(d).iterator();
    }
    int whole = Math.toIntExact(epochs.wholeEpochs(d.source));
    List<EncodedDocument> copies = new ArrayList<>(whole + 1);
    for (int c = 0; c < whole; c++) {
      copies.add(d.copy(c, groups));
    }
    if (epochs.takes(d)) {
      copies.add(d.copy(whole, groups));
    }
    return copies.iterator();
  }
}
