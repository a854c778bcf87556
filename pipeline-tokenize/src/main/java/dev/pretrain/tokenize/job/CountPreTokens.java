package dev.pretrain.tokenize.job;

import dev.pretrain.tokenize.pretokenize.SplitPattern;
import dev.pretrain.tokenize.train.PreTokenCounter;
import java.util.Iterator;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Executor side of tokenizer training: counts the pre-tokens of a partition's training documents
 * (sampled and not held out, both by a hash of the id) and emits one (word, count) per distinct word.
 */
final class CountPreTokens implements PairFlatMapFunction<Iterator<Row>, String, Long> {
  private static final long serialVersionUID = 1L;

  private final SplitPattern pattern;
  private final double sampleFraction;
  private final double heldOutFraction;

  CountPreTokens(SplitPattern pattern, double sampleFraction, double heldOutFraction) {
    this.pattern = pattern;
    this.sampleFraction = sampleFraction;
    this.heldOutFraction = heldOutFraction;
  }

  @Override
  public Iterator<Tuple2<String, Long>> call(Iterator<Row> docs) {
    PreTokenCounter counter = new PreTokenCounter(pattern.splitter());
    while (docs.hasNext()) {
      Row doc = docs.next();
      String id = doc.getString(0);
      String text = doc.getString(1);
      if (id != null && text != null && DocumentChoice.trains(id, sampleFraction, heldOutFraction)) {
        counter.add(text);
      }
    }
    return counter.counts().entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue())).iterator();
  }
}
