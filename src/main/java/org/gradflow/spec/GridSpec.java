package org.gradflow.spec;

import java.util.TreeSet;

/**
 * Where the trajectory is sampled (on the dense output, not at the integrator's steps):
 * {@code log} points log-spaced from {@code tMin} to t_end, plus {@code linear} points
 * evenly spaced on [0, t_end], plus the explicit {@code times} (hit exactly, e.g. another
 * program's record times). t = t_start and t_end are always included; times outside
 * [t_start, t_end] are dropped.
 */
public record GridSpec(Integer log, Integer linear, Double tMin, double[] times) {
  /** More samples than this is a mistake, not a figure: refused before the trajectory is allocated. */
  public static final int MAX_SAMPLES = 1_000_000;

  public GridSpec {
    log = log == null ? 200 : log;
    linear = linear == null ? 0 : linear;
    times = times == null ? new double[0] : times.clone();
    if (log < 0) {
      throw new IllegalArgumentException("grid.log must be >= 0, got " + log);
    }
    if (linear < 0) {
      throw new IllegalArgumentException("grid.linear must be >= 0, got " + linear);
    }
    if ((long) log + linear > MAX_SAMPLES) {
      throw new IllegalArgumentException("grid.log + grid.linear must be at most " + MAX_SAMPLES
          + " samples (each a row of the trajectory held in memory), got " + ((long) log + linear));
    }
    if (tMin != null && !(tMin > 0 && Double.isFinite(tMin))) {
      throw new IllegalArgumentException("grid.tMin must be positive and finite, got " + tMin);
    }
    for (double t : times) {
      if (!Double.isFinite(t) || t < 0) {
        throw new IllegalArgumentException("grid.times must be finite and >= 0, got " + t);
      }
    }
  }

  public static GridSpec defaults() {
    return new GridSpec(null, null, null, null);
  }

  /** The first time of the log-spaced part of the grid, or NaN when there is none. */
  public double logFrom(double tEnd) {
    double from = tMin != null ? tMin : Math.min(1e-3, tEnd * 1e-4);
    return log > 1 && from < tEnd ? from : Double.NaN;
  }

  /** The sample times on [tStart, tEnd], increasing. */
  public double[] sampleTimes(double tStart, double tEnd) {
    TreeSet<Double> out = new TreeSet<>();
    out.add(0.0);
    if (log > 0) {
      double from = tMin != null ? tMin : Math.min(1e-3, tEnd * 1e-4);
      if (from < tEnd) {
        double a = Math.log10(from);
        double b = Math.log10(tEnd);
        for (int i = 0; i < log; i++) {
          double t = log == 1 ? tEnd : Math.pow(10, a + (b - a) * i / (log - 1));
          out.add(Math.min(t, tEnd)); // 10^log10(T) can exceed T by an ulp
        }
      }
    }
    for (int i = 1; i <= linear; i++) {
      out.add(tEnd * i / linear);
    }
    for (double t : times) {
      out.add(t);
    }
    out.add(tStart);
    out.add(tEnd);
    return out.stream().mapToDouble(Double::doubleValue).filter(t -> t >= tStart && t <= tEnd).toArray();
  }
}
