package dev.pretrain.dedup.report;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.dedup.step.Measure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Fixed-width bins over {@code [low, high)}, equal on a linear or a log scale: Spark counts into
 * them with {@link #index(Column)}, one aggregation however many documents there are. A value
 * outside the range falls in the end bin on its side; the end bins' bounds are widened to the
 * least and greatest values seen, so no bin claims a range narrower than what it holds.
 *
 * @param observedMin the least value counted (at most {@code low} widens the first bin)
 * @param observedMax the greatest value counted
 */
public record Binning(Measure.Scale scale, double low, double high, int bins, double observedMin, double observedMax) {
  /** Bins per histogram: enough to see a distribution's shape, few enough to keep the report small. */
  public static final int BINS = 40;

  public Binning {
    if (!(low < high) || bins < 1 || (scale == Measure.Scale.LOG && !(low > 0))) {
      throw new IllegalArgumentException("bad bins: " + bins + " over [" + low + ", " + high + ") " + scale);
    }
  }

  /**
   * Bins over the values seen, kept within the declared range, and stretched to show the thresholds
   * that lie in that range (a threshold line outside the bars would float).
   *
   * @param declaredLow the least value worth its own bins
   * @param declaredHigh the greatest value worth its own bins
   */
  public static Binning over(Measure.Scale scale, double declaredLow, double declaredHigh, double observedMin,
      double observedMax, List<Double> thresholds, int bins) {
    double low = Math.max(declaredLow, observedMin);
    double high = Math.min(declaredHigh, observedMax);
    for (double t : thresholds) {
      if (t >= declaredLow && t <= declaredHigh) {
        low = Math.min(low, t);
        high = Math.max(high, t);
      }
    }
    low = Math.min(Math.max(low, declaredLow), declaredHigh);
    high = Math.max(Math.min(high, declaredHigh), declaredLow);
    if (!(low < high)) {
      // One value seen: a bin on either side of it.
      if (scale == Measure.Scale.LOG) {
        low = Math.max(declaredLow, low / 2);
        high = Math.max(low * 4, high * 2);
      } else {
        high = low + 1;
      }
    }
    return new Binning(scale, low, high, bins, observedMin, observedMax);
  }

  /** Bin of {@code value}: {@code 0 .. bins - 1}. */
  public int index(double value) {
    double x = scale == Measure.Scale.LOG
        ? (value <= 0 ? -1 : (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) * bins)
        : (value - low) / (high - low) * bins;
    return (int) Math.max(0, Math.min(bins - 1, Math.floor(x)));
  }

  /** {@link #index(double)} as a Spark expression over a double column. */
  public Column index(Column value) {
    return index(value, lit(low), lit(high), lit(scale == Measure.Scale.LOG), bins);
  }

  /**
   * The bin index with the bounds as columns: one aggregation can bin many measures, each row
   * carrying its measure's bounds.
   */
  static Column index(Column value, Column low, Column high, Column log, int bins) {
    Column linear = value.minus(low).divide(high.minus(low)).multiply(bins);
    Column logarithmic = when(value.leq(0), lit(-1.0))
        .otherwise(log10(value).minus(log10(low)).divide(log10(high).minus(log10(low))).multiply(bins));
    return greatest(lit(0), least(lit(bins - 1), floor(when(log, logarithmic).otherwise(linear)).cast("int")));
  }

  /** The lower bound of bin {@code i} (the first bin's is widened to the least value seen). */
  public double start(int i) {
    return i == 0 ? Math.min(edge(0), observedMin) : edge(i);
  }

  /** The upper bound of bin {@code i} (the last bin's is widened to the greatest value seen). */
  public double end(int i) {
    return i == bins - 1 ? Math.max(edge(bins), observedMax) : edge(i + 1);
  }

  private double edge(int i) {
    if (i == 0) {
      return low;
    }
    if (i == bins) {
      return high;
    }
    return scale == Measure.Scale.LOG
        ? Math.pow(10, Math.log10(low) + (Math.log10(high) - Math.log10(low)) * i / bins)
        : low + (high - low) * i / bins;
  }

  /** {@code start} and {@code end} of bin {@code i}, rounded to 4 significant digits (the report's size). */
  Map<String, Object> bounds(int i) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("start", round(start(i)));
    out.put("end", round(end(i)));
    return out;
  }

  static double round(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
  }
}
