package org.gradflow.io;

import java.util.Locale;

/** How reports print a number: 6 significant digits in [1e-3, 1e5), else 4-digit scientific. */
public final class Numbers {
  private Numbers() {}

  public static String format(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    double a = Math.abs(v);
    return (a >= 1e-3 && a < 1e5) ? String.format(Locale.ROOT, "%.6g", v)
        : String.format(Locale.ROOT, "%.4e", v);
  }
}
