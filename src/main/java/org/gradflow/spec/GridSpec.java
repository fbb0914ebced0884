package org.gradflow.spec;

/**
 * Where the trajectory is sampled (on the dense output, not at the integrator's steps):
 * {@code log} points log-spaced from {@code tMin} to t_end, plus {@code linear} points
 * evenly spaced on [0, t_end]. t = 0 and t_end are always included.
 */
public record GridSpec(Integer log, Integer linear, Double tMin) {
  /** More samples than this is a mistake, not a figure: refused before the trajectory is allocated. */
  public static final int MAX_SAMPLES = 1_000_000;

  public GridSpec {
    log = log == null ? 200 : log;
    linear = linear == null ? 0 : linear;
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
  }

  public static GridSpec defaults() {
    return new GridSpec(null, null, null);
  }
}
