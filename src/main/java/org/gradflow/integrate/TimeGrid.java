package org.gradflow.integrate;

import java.util.TreeSet;
import org.gradflow.spec.GridSpec;

/** The sample times of a run: 0, log-spaced and linear points, and exactly t_end. */
public final class TimeGrid {
  private TimeGrid() {}

  public static double[] of(GridSpec grid, double tEnd) {
    TreeSet<Double> times = new TreeSet<>();
    times.add(0.0);
    if (grid.log() > 0) {
      double tMin = grid.tMin() != null ? grid.tMin() : Math.min(1e-3, tEnd * 1e-4);
      if (tMin < tEnd) {
        double a = Math.log10(tMin);
        double b = Math.log10(tEnd);
        int n = grid.log();
        for (int i = 0; i < n; i++) {
          double t = n == 1 ? tEnd : Math.pow(10, a + (b - a) * i / (n - 1));
          times.add(Math.min(t, tEnd)); // 10^log10(T) can exceed T by an ulp
        }
      }
    }
    for (int i = 1; i <= grid.linear(); i++) {
      times.add(tEnd * i / grid.linear());
    }
    times.add(tEnd);
    return times.stream().mapToDouble(Double::doubleValue).filter(t -> t <= tEnd).toArray();
  }
}
