package dev.pretrain.dedup.step;

/**
 * Where a filter writes the values it measured for one document, by the index of the measure in
 * the filter's own declared list ({@link Measure}); the job lays them into the document's row.
 * A final class with one branch, not an interface: the filters call it on every document, and
 * the JIT inlines this without a type check.
 */
public final class MeasureSink {
  /** Drops every value: for filters run outside the job (tests, benches of one filter). */
  public static final MeasureSink NONE = new MeasureSink(null);

  private final double[] values;
  private int base;

  /** @param values the document's measured values, all the steps' (null: drop them) */
  MeasureSink(double[] values) {
    this.values = values;
  }

  /** This sink writing from {@code offset} on (a document's filters run one after another). */
  MeasureSink from(int offset) {
    base = offset;
    return this;
  }

  public void put(int index, double value) {
    if (values != null) {
      values[base + index] = value;
    }
  }
}
