package dev.pretrain.tokenize.job;

import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.shards.TokenizerSource;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Executor side of the report: per partition {documents, training documents, held-out documents,
 * held-out UTF-8 bytes, held-out tokens}, the held-out text encoded by the trained tokenizer.
 */
final class MeasureHeldOut implements FlatMapFunction<Iterator<Row>, long[]> {
  private static final long serialVersionUID = 1L;

  private final TokenizerSource trained;
  private final double sampleFraction;
  private final double heldOutFraction;

  MeasureHeldOut(TokenizerSource trained, double sampleFraction, double heldOutFraction) {
    this.trained = trained;
    this.sampleFraction = sampleFraction;
    this.heldOutFraction = heldOutFraction;
  }

  @Override
  public Iterator<long[]> call(Iterator<Row> docs) {
    long[] sums = new long[5];
    Tokenizer tokenizer = null;
    while (docs.hasNext()) {
      Row doc = docs.next();
      String id = doc.getString(0);
      String text = doc.getString(1);
      sums[0]++;
      if (id == null || text == null) {
        continue;
      }
      if (DocumentChoice.heldOut(id, heldOutFraction)) {
        if (tokenizer == null) {
          tokenizer = trained.get();
        }
        sums[2]++;
        sums[3] += text.getBytes(StandardCharsets.UTF_8).length;
        sums[4] += tokenizer.encodeOrdinary(text).length;
      } else if (DocumentChoice.trains(id, sampleFraction, heldOutFraction)) {
        sums[1]++;
      }
    }
    return List.of(sums).iterator();
  }
}
