package dev.pretrain.dedup.step;

/**
 * Where a filter writes the values it measured for one document, by the index of the measure in
 * the filter's own declared list ({@link Measure}); the job lays them into the document's row.
 */
@FunctionalInterface
public interface MeasureSink {
  /** Drops every value: for filters run outside the job (tests, benches of one filter). */
  MeasureSink NONE = (index, value) -> { };

  void put(int index, double value);
}
