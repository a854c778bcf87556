package dev.pretrain.common.report;

import java.util.Locale;

/** How a report writes numbers for people: grouped digits, binary byte units, short durations. */
public final class Numbers {
  private Numbers() {}

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Integers with grouped digits; other values with up to four significant digits. */
  public static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return count((long) x);
    }
    if (Math.abs(x) >= 1000) {
      return String.format(Locale.ROOT, "%,.1f", x);
    }
    return String.format(Locale.ROOT, "%.4g", x).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
  }

  public static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }

  public static String seconds(double s) {
    return s < 120 ? String.format(Locale.ROOT, "%.1f s", s)
        : String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
  }
}
