package dev.pretrain.bench.extract;

import java.util.List;

/**
 * The extraction metric of trafilatura's evaluation (its docs/evaluation.rst), as the dev set's
 * README defines it: in the extracted text and in each snippet every run of whitespace becomes one
 * space; a {@code with} snippet found in the text is a true positive (else a false negative), a
 * {@code without} snippet found is a false positive (else a true negative). Counts add over pages.
 * The one implementation that {@link ExtractionBench} and the floor test share.
 */
public record ExtractionScore(long tp, long fp, long tn, long fn) {
  public static final ExtractionScore ZERO = new ExtractionScore(0, 0, 0, 0);

  /** The counts of one page; {@code text} null means the extraction failed (every snippet missed). */
  public static ExtractionScore of(String text, List<String> with, List<String> without) {
    String t = text == null ? "" : collapse(text);
    long tp = 0;
    long fp = 0;
    for (String s : with) {
      if (text != null && t.contains(collapse(s))) {
        tp++;
      }
    }
    for (String s : without) {
      if (text != null && t.contains(collapse(s))) {
        fp++;
      }
    }
    return new ExtractionScore(tp, fp, without.size() - fp, with.size() - tp);
  }

  public ExtractionScore plus(ExtractionScore o) {
    return new ExtractionScore(tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
  }

  public double precision() {
    return ratio(tp, tp + fp);
  }

  public double recall() {
    return ratio(tp, tp + fn);
  }

  public double accuracy() {
    return ratio(tp + tn, tp + fp + tn + fn);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  @Override
  public String toString() {
    return String.format("TP %d  FP %d  TN %d  FN %d  precision %.3f  recall %.3f  accuracy %.3f  F1 %.3f",
        tp, fp, tn, fn, precision(), recall(), accuracy(), f1());
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /**
   * Every run of whitespace as one space, ends stripped (Python's {@code " ".join(s.split())}, which
   * counts the no-break space as whitespace too).
   */
  static String collapse(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
